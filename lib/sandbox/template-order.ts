/**
 * The order in which CloudFormation creates the resources of a template: a resource after every
 * resource it depends on, through `DependsOn` and through the references in its properties
 * (`Ref`, `Fn::GetAtt`, `Fn::Sub` names), followed transitively through resources outside the
 * selection. Pure: no I/O.
 */
import type { CfnTemplateJson } from './cfn-values';

/** The logical ids `value` refers to (`Ref`, `Fn::GetAtt`, `${Name}` and `${Name.Attr}` of `Fn::Sub`). */
export function referencesIn(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (v === null || typeof v !== 'object') return;
    const obj = v as Record<string, unknown>;
    if (typeof obj.Ref === 'string' && !obj.Ref.startsWith('AWS::')) found.add(obj.Ref);
    const getAtt = obj['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
    const sub = obj['Fn::Sub'];
    const text = Array.isArray(sub) ? sub[0] : sub;
    if (typeof text === 'string') {
      for (const m of text.matchAll(/\$\{([^!}][^}.]*)[^}]*\}/g)) if (!m[1].startsWith('AWS::')) found.add(m[1]);
    }
    Object.values(obj).forEach(visit);
  };
  visit(value);
  return found;
}

/** The resources `logicalId` depends on directly: its `DependsOn` and the references of its properties. */
export function directDependencies(template: CfnTemplateJson, logicalId: string): string[] {
  const resource = template.Resources?.[logicalId];
  if (!resource) return [];
  const dependsOn = resource.DependsOn === undefined ? [] : typeof resource.DependsOn === 'string' ? [resource.DependsOn] : [...resource.DependsOn];
  const refs = referencesIn(resource.Properties ?? {});
  return [...new Set([...dependsOn, ...refs])].filter((id) => id !== logicalId && template.Resources?.[id] !== undefined);
}

/**
 * `selected` (logical ids of `template`) in creation order: each after every selected resource it
 * depends on, directly or through others; ties keep the given order.
 * @throws Error naming the resources of a dependency cycle
 */
export function creationOrder(template: CfnTemplateJson, selected: readonly string[]): string[] {
  const closure = new Map<string, Set<string>>();
  const dependenciesOf = (id: string, path: string[]): Set<string> => {
    const known = closure.get(id);
    if (known) return known;
    if (path.includes(id)) throw new Error(`resources ${[...path.slice(path.indexOf(id)), id].join(' -> ')} depend on each other; CloudFormation would refuse the template`);
    const all = new Set<string>();
    for (const dep of directDependencies(template, id)) {
      all.add(dep);
      for (const d of dependenciesOf(dep, [...path, id])) all.add(d);
    }
    closure.set(id, all);
    return all;
  };
  const remaining = [...selected];
  const ordered: string[] = [];
  while (remaining.length > 0) {
    const next = remaining.findIndex((id) => ![...dependenciesOf(id, [])].some((d) => remaining.includes(d) && d !== id));
    ordered.push(...remaining.splice(next, 1));
  }
  return ordered;
}
