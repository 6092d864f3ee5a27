/**
 * The previous generation of the manifests function's own RBAC. When the RBAC bootstrap updates
 * the generated ClusterRole (say a Namespace is no longer declared, so its name leaves the
 * role's resourceNames), the manifests resources still have to prune or delete, in
 * CloudFormation's cleanup phase, the objects the old generation named. So for one deploy the
 * bootstrap also applies a copy of the old pair under {@link PREVIOUS_GENERATION_SUFFIX} that
 * keeps only what pruning needs (`get`, `patch`, `delete`); the next Update replaces it.
 *
 * Input is the OLD properties' `Objects` (untrusted JSON, already parsed): exactly the pair the
 * synth-time generator makes, nothing else. Pure: no I/O.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#clusterrole-example
 */
import { PREVIOUS_GENERATION_SUFFIX } from '../api';
import { ManifestInputError } from './errors';
import { describeType, isRecord } from './json';
import type { ManifestObject } from './types';

/** The verbs the previous generation keeps, in the order it writes them. */
export const PREVIOUS_GENERATION_VERBS: readonly string[] = ['get', 'patch', 'delete'];

/**
 * Longest name the previous generation writes. Kubernetes checks RBAC names only as REST path
 * segments (pkg/apis/rbac/validation: no `/`, no `%`, not `.` or `..`); the app keeps them within
 * the 253 characters of a DNS subdomain, as it does for every object name. A name that the
 * suffix would carry past it is refused (never shortened: a shortened name could meet another).
 */
export const MAX_PREVIOUS_NAME_LENGTH = 253;

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_V1 = `${RBAC_GROUP}/v1`;
const RULE_FIELDS = new Set(['apiGroups', 'resources', 'verbs', 'resourceNames']);
const FIX = 'the old Objects of the RBAC bootstrap must be the generated pair; redeploy the previous release or replace the bootstrap resource';

/**
 * From the OLD properties' generated RBAC objects (one ClusterRole and the ClusterRoleBinding
 * that binds it), the previous generation's pair: the ClusterRole renamed `name` +
 * {@link PREVIOUS_GENERATION_SUFFIX} whose rules keep only `get`, `patch` and `delete` (`*`
 * stands for all three; a rule left with no verb is dropped; apiGroups, resources and
 * resourceNames as they were) and the ClusterRoleBinding renamed likewise, bound to the renamed
 * role, with the same subjects. Labels are kept; annotations are not. The role is returned
 * first; it is returned even when no rule is left, so that it replaces an older previous
 * generation rather than leaving it behind.
 * @throws ManifestInputError naming the object, the field, the value and the fix when the input
 * is not exactly such a pair, or when a new name would be longer than
 * {@link MAX_PREVIOUS_NAME_LENGTH} characters.
 */
export function previousGeneration(oldObjects: readonly ManifestObject[]): ManifestObject[] {
  const items = oldObjects as readonly unknown[];
  const roles: Array<Record<string, unknown>> = [];
  const bindings: Array<Record<string, unknown>> = [];
  items.forEach((item, i) => {
    const kind = rbacKindOf(item, i);
    (kind === 'ClusterRole' ? roles : bindings).push(item as Record<string, unknown>);
  });
  if (roles.length !== 1 || bindings.length !== 1) {
    throw new ManifestInputError(`The previous generation is made from exactly one ClusterRole and one ClusterRoleBinding; got ${countOf(roles, 'ClusterRole')} and ${countOf(bindings, 'ClusterRoleBinding')}; ${FIX}`);
  }
  const role = previousRole(roles[0]);
  return [role, previousBinding(bindings[0], nameOf(roles[0]), role.metadata.name)];
}

function rbacKindOf(item: unknown, i: number): 'ClusterRole' | 'ClusterRoleBinding' {
  if (!isRecord(item)) {
    throw new ManifestInputError(`Objects[${i}] is ${describeType(item)}, not a ClusterRole or ClusterRoleBinding; ${FIX}`);
  }
  const { apiVersion, kind } = item;
  if (apiVersion !== RBAC_V1 || (kind !== 'ClusterRole' && kind !== 'ClusterRoleBinding')) {
    throw new ManifestInputError(`Objects[${i}] is apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)}; the previous generation is made only from a ${RBAC_V1} ClusterRole and ClusterRoleBinding; ${FIX}`);
  }
  const metadata = item.metadata;
  if (!isRecord(metadata)) {
    throw new ManifestInputError(`Objects[${i}] (${kind}): metadata is ${describeType(metadata)}, not an object with a name; ${FIX}`);
  }
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    throw new ManifestInputError(`Objects[${i}] (${kind}): metadata.name ${JSON.stringify(metadata.name)} is missing or empty; ${FIX}`);
  }
  if (metadata.namespace !== undefined) {
    throw new ManifestInputError(`${kind} ${metadata.name}: metadata.namespace ${JSON.stringify(metadata.namespace)} is set, but a ${kind} is cluster-scoped; ${FIX}`);
  }
  return kind;
}

function countOf(objects: ReadonlyArray<Record<string, unknown>>, kind: string): string {
  const names = objects.map(nameOf);
  return `${names.length} ${kind}${names.length === 1 ? '' : 's'}${names.length ? ` (${names.join(', ')})` : ''}`;
}

function nameOf(o: Record<string, unknown>): string {
  return (o.metadata as { name: string }).name;
}

/** `name` + suffix, refused when it would be too long. */
function renamed(kind: string, name: string): string {
  const next = `${name}${PREVIOUS_GENERATION_SUFFIX}`;
  if (next.length > MAX_PREVIOUS_NAME_LENGTH) {
    const most = MAX_PREVIOUS_NAME_LENGTH - PREVIOUS_GENERATION_SUFFIX.length;
    throw new ManifestInputError(`${kind} ${name}: the previous generation's name ${JSON.stringify(next)} would be ${next.length} characters, over the ${MAX_PREVIOUS_NAME_LENGTH} the app allows; shorten the generated name to at most ${most} characters`);
  }
  return next;
}

function metadataOf(o: Record<string, unknown>, name: string): ManifestObject['metadata'] {
  const labels = (o.metadata as Record<string, unknown>).labels;
  return { name, ...(isRecord(labels) ? { labels: { ...(labels as Record<string, string>) } } : {}) };
}

function previousRole(role: Record<string, unknown>): ManifestObject & { metadata: { name: string } } {
  const name = nameOf(role);
  const where = `ClusterRole ${name}`;
  if (role.aggregationRule !== undefined) {
    throw new ManifestInputError(`${where}: aggregationRule is set; the generated ClusterRole lists its rules; ${FIX}`);
  }
  const rules = role.rules ?? [];
  if (!Array.isArray(rules)) {
    throw new ManifestInputError(`${where}: rules is ${describeType(rules)}, not a list; ${FIX}`);
  }
  const kept = rules.map((rule, i) => previousRule(rule, `${where}: rules[${i}]`)).filter((r) => r !== undefined);
  return { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: metadataOf(role, renamed('ClusterRole', name)), rules: kept };
}

/** The rule with only the kept verbs, or undefined when none is left. */
function previousRule(rule: unknown, where: string): Record<string, unknown> | undefined {
  if (!isRecord(rule)) {
    throw new ManifestInputError(`${where} is ${describeType(rule)}, not a rule object; ${FIX}`);
  }
  const extra = Object.keys(rule).filter((k) => !RULE_FIELDS.has(k));
  if (extra.length) {
    throw new ManifestInputError(`${where} has ${extra.map((k) => JSON.stringify(k)).join(', ')}; a generated rule has only apiGroups, resources, verbs and resourceNames; ${FIX}`);
  }
  const [apiGroups, resources, verbs] = (['apiGroups', 'resources', 'verbs'] as const).map((field) => stringList(rule[field], `${where}.${field}`));
  const resourceNames = rule.resourceNames === undefined ? undefined : stringList(rule.resourceNames, `${where}.resourceNames`);
  const keptVerbs = PREVIOUS_GENERATION_VERBS.filter((v) => verbs.includes(v) || verbs.includes('*'));
  if (keptVerbs.length === 0) return undefined;
  return { apiGroups, resources, verbs: keptVerbs, ...(resourceNames === undefined ? {} : { resourceNames }) };
}

function stringList(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new ManifestInputError(`${where} is ${describeType(v)}${Array.isArray(v) ? ' with an item that is not a string' : ''}, not a list of strings; ${FIX}`);
  }
  return [...(v as string[])];
}

function previousBinding(binding: Record<string, unknown>, roleName: string, previousRoleName: string): ManifestObject {
  const name = nameOf(binding);
  const where = `ClusterRoleBinding ${name}`;
  const ref = binding.roleRef;
  if (!isRecord(ref) || ref.apiGroup !== RBAC_GROUP || ref.kind !== 'ClusterRole' || ref.name !== roleName) {
    throw new ManifestInputError(`${where}: roleRef ${JSON.stringify(ref)} does not name the generated ClusterRole ${roleName} (apiGroup ${RBAC_GROUP}, kind ClusterRole); ${FIX}`);
  }
  const subjects = binding.subjects;
  if (!Array.isArray(subjects) || subjects.length === 0 || subjects.some((s) => !isRecord(s))) {
    throw new ManifestInputError(`${where}: subjects is ${describeType(subjects)}${Array.isArray(subjects) ? (subjects.length ? ' with an item that is not an object' : ' with no subject') : ''}; the generated binding names its subjects; ${FIX}`);
  }
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: metadataOf(binding, renamed('ClusterRoleBinding', name)),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: previousRoleName },
    subjects: subjects.map((s) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>),
  };
}
