/**
 * The gate itself, pure: the golden templates (what is deployed) against the synthesized ones,
 * with the engine of `cdk diff` (@aws-cdk/cloudformation-diff: the CloudFormation resource
 * specification's "update requires replacement" per property). A guarded resource fails the
 * gate when its impact is WILL_REPLACE or MAY_REPLACE (MAY counts: CloudFormation decides at
 * deploy time), when a nested create-only property changes (see nested.ts), or when it leaves
 * the template (WILL_DESTROY; for infrastructure also WILL_ORPHAN, since a retained cluster the
 * app no longer manages is still lost to it). Replacements cascade as in `cdk diff`: a resource
 * whose create-only property refers to a replaced one is replaced too, and is reported. A
 * Kubernetes resource fails only when it is removed without a retaining DeletionPolicy. Any
 * custom resource fails when its ServiceToken changes (CloudFormation refuses the update).
 */
import { deepEqual, fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import type { ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { guardOf, RETAINING_DELETION_POLICIES } from './guards';
import { nestedReplacements } from './nested';
import type { Guard } from './guards';
import type { CfnResourceJson, CfnTemplateJson, GateResult, IntendedReplacement, PropertyChange, StackTemplate, Violation } from './model';

const REPLACING: readonly ResourceImpact[] = [ResourceImpact.WILL_REPLACE, ResourceImpact.MAY_REPLACE];
const REMOVING: readonly ResourceImpact[] = [ResourceImpact.WILL_DESTROY, ResourceImpact.WILL_ORPHAN];

/** Why a ServiceToken change is refused. */
export const SERVICE_TOKEN_GUARD = 'CloudFormation refuses to change a custom resource\'s ServiceToken ("Modifying service token is not allowed"), so the stack update fails and rolls back';

/** Every objection of the gate to moving from `golden` to `current`, sorted by stack and logical id. */
export function findViolations(golden: StackTemplate[], current: StackTemplate[]): Violation[] {
  const now = new Map(current.map((s) => [s.displayName, s.template]));
  return golden.flatMap((old) => stackViolations(old.displayName, old.template, now.get(old.displayName) ?? {}))
    .sort((a, b) => a.stack.localeCompare(b.stack) || a.logicalId.localeCompare(b.logicalId));
}

/** Splits violations into declared and undeclared ones, and finds declarations that match none. */
export function checkUpgrade(golden: StackTemplate[], current: StackTemplate[], intended: IntendedReplacement[]): GateResult {
  const violations = findViolations(golden, current);
  const key = (stack: string, logicalId: string) => `${stack}\u0000${logicalId}`;
  const declarations = new Map(intended.map((d) => [key(d.stack, d.logicalId), d]));
  const used = new Set<string>();
  const declared: GateResult['declared'][number][] = [];
  const undeclared: Violation[] = [];
  for (const violation of violations) {
    const k = key(violation.stack, violation.logicalId);
    const declaration = declarations.get(k);
    if (declaration) {
      used.add(k);
      declared.push({ violation, declaration });
    } else {
      undeclared.push(violation);
    }
  }
  const stale = intended.filter((d) => !used.has(key(d.stack, d.logicalId)));
  return { violations: undeclared, declared, stale };
}

function stackViolations(stack: string, oldTemplate: CfnTemplateJson, newTemplate: CfnTemplateJson): Violation[] {
  const diff = fullDiff(oldTemplate, newTemplate);
  const added = Object.keys(newTemplate.Resources ?? {}).filter((id) => !(id in (oldTemplate.Resources ?? {})));
  const found: Violation[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    const old = change.oldValue as CfnResourceJson | undefined;
    if (!old) return;
    const violation = resourceViolation(change, old, guardOf(old));
    if (!violation) return;
    const base = { stack, logicalId, type: old.Type };
    if (violation.kind === 'remove') {
      const possiblyRenamedTo = added.filter((id) => newTemplate.Resources?.[id]?.Type === old.Type);
      found.push({ ...base, ...violation, possiblyRenamedTo });
    } else {
      found.push({ ...base, ...violation, possiblyRenamedTo: [] });
    }
  });
  return found;
}

type Objection = Pick<Violation, 'kind' | 'guard' | 'changes'>;

function resourceViolation(change: ResourceDifference, old: CfnResourceJson, guard: Guard | undefined): Objection | undefined {
  const impact = change.changeImpact;
  if (guard?.kind === 'infrastructure') {
    if (REMOVING.includes(impact)) return { kind: 'remove', guard: guard.why, changes: [] };
    if (REPLACING.includes(impact)) return { kind: 'replace', guard: guard.why, changes: replacingChanges(change) };
    const nested = Object.entries(change.propertyUpdates)
      .flatMap(([property, p]) => nestedReplacements(old.Type, property, p.oldValue, p.newValue));
    if (nested.length > 0) return { kind: 'replace', guard: guard.why, changes: nested };
  }
  if (guard?.kind === 'kubernetes' && change.isRemoval && !RETAINING_DELETION_POLICIES.includes(old.DeletionPolicy ?? 'Delete')) {
    return { kind: 'remove', guard: guard.why, changes: [] };
  }
  const serviceToken = serviceTokenChange(change, old);
  if (serviceToken) return { kind: 'service-token', guard: SERVICE_TOKEN_GUARD, changes: [serviceToken] };
  return undefined;
}

function replacingChanges(change: ResourceDifference): PropertyChange[] {
  if (change.resourceTypeChanged) return [{ property: 'Type', oldValue: change.oldResourceType, newValue: change.newResourceType }];
  return Object.entries(change.propertyUpdates)
    .filter(([, p]) => p.changeImpact !== undefined && REPLACING.includes(p.changeImpact))
    .map(([property, p]) => ({ property, oldValue: p.oldValue, newValue: p.newValue }))
    .sort((a, b) => a.property.localeCompare(b.property));
}

function serviceTokenChange(change: ResourceDifference, old: CfnResourceJson): PropertyChange | undefined {
  const now = change.newValue as CfnResourceJson | undefined;
  const custom = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
  if (!now || !custom(old.Type) || !custom(now.Type)) return undefined;
  const oldValue = old.Properties?.ServiceToken;
  const newValue = now.Properties?.ServiceToken;
  return deepEqual(oldValue, newValue) ? undefined : { property: 'ServiceToken', oldValue, newValue };
}
