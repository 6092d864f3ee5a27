/**
 * The manifests function's own RBAC, generated at synth from what its resources declare: one
 * ClusterRole and its ClusterRoleBinding to the provider's own Kubernetes user (the username of
 * its access entry, `manifestsUsername` of lambda/manifests/api.ts), every rule limited by name. A user, not a
 * shared group: two providers on one cluster each hold their own role only.
 *
 * Why every verb can carry `resourceNames` (kubernetes/kubernetes source):
 * - server-side apply is a PATCH to the object's URI; when the object does not exist yet the
 *   patch handler authorizes `create` with the name taken from that URI
 *   (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go, createAuthorizerAttributes),
 *   so `create` is name-limited too (a POST to the collection would not be);
 * - writing a Role or ClusterRole whose rules the writer does not hold needs `escalate` on it,
 *   checked with the role's name and namespace (pkg/registry/rbac/escalation_check.go,
 *   RoleEscalationAuthorized);
 * - writing a binding needs `bind` on the role it refers to, checked with the roleRef's name in
 *   the binding's namespace (BindingAuthorized), so `bind` names exactly those roles, `view` or
 *   `admin` included when a managed binding refers to them.
 *
 * What it cannot limit: the namespace. A ClusterRole's rule applies in every namespace, so
 * `get` on ConfigMap `settings` in team-a also allows `get` on a ConfigMap `settings` in team-b.
 * Rules in per-namespace Roles would be tighter, but a Role cannot be created in a namespace
 * that does not exist yet, and creating the namespace is the function's own first step.
 * An identity that holds `escalate` or `bind` is admin-equivalent on those names; the real
 * boundary is IAM (who may update or invoke the function).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
 */
import { BUILTIN_KINDS, parseApiVersion } from '../../lambda/manifests/core/kinds';
import { ApiGroups, apiVersionOf, managedLabels } from './manifest';
import type { KubernetesObject } from './manifest';

/**
 * A kind outside the built-in table (lambda/manifests/core/kinds.ts BUILTIN_KINDS): its API
 * group, kind and REST resource plural, as the cluster's discovery lists it.
 */
export interface CustomKind {
  /** API group (`''` for core). */
  readonly group: string;
  /** Kind, as in the objects (`Widget`). */
  readonly kind: string;
  /** Plural resource name, as in the REST path (`widgets`). */
  readonly resource: string;
}

/** What the RBAC is generated from: everything the resources of one provider declare. */
export interface ManifestsRbacInput {
  /** Name of the ClusterRole and its ClusterRoleBinding. */
  readonly name: string;
  /** The Kubernetes username of the provider's access entry (`manifestsUsername` of lambda/manifests/api.ts): the binding's one subject. */
  readonly username: string;
  /** Objects the resources own (created, changed and deleted by the function). */
  readonly objects: readonly KubernetesObject[];
  /**
   * Patches of objects owned by others (the function only reads and patches those).
   * @default - none
   */
  readonly patches?: readonly KubernetesObject[];
  /**
   * Resource plurals of the kinds outside the built-in table.
   * @default - none: every object must be of a built-in kind
   */
  readonly customKinds?: readonly CustomKind[];
}

/** One rule of the generated ClusterRole: always name-limited. */
export interface ManifestsRbacRule {
  /** One API group (`''` for core). */
  apiGroups: string[];
  /** One resource plural. */
  resources: string[];
  /** The verbs, sorted. */
  verbs: string[];
  /** The names the verbs are limited to, sorted; never empty. */
  resourceNames: string[];
}

/** The generated ClusterRole. */
export interface ManifestsClusterRole extends KubernetesObject {
  kind: 'ClusterRole';
  /** {@link manifestsRbacRules}. */
  rules: ManifestsRbacRule[];
}

/** The generated ClusterRoleBinding. */
export interface ManifestsClusterRoleBinding extends KubernetesObject {
  kind: 'ClusterRoleBinding';
  /** The generated ClusterRole. */
  roleRef: { apiGroup: typeof ApiGroups.rbac; kind: 'ClusterRole'; name: string };
  /** The provider's own user alone (the username of its access entry). */
  subjects: Array<{ kind: 'User'; apiGroup: typeof ApiGroups.rbac; name: string }>;
}

/** Verbs on an object the function owns: read it, apply it (patch, or create when new), delete it. */
export const OWNED_VERBS: readonly string[] = ['create', 'delete', 'get', 'patch'];

/** Verbs on an object the function patches: read it and apply its patch (or the release of it). */
export const PATCHED_VERBS: readonly string[] = ['get', 'patch'];

const ROLE_RESOURCES: ReadonlyMap<string, string> = new Map([['Role', 'roles'], ['ClusterRole', 'clusterroles']]);
const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/**
 * The rules: per object `OWNED_VERBS` (owned) or `PATCHED_VERBS` (patched) on its group,
 * resource and name; `escalate` on every Role and ClusterRole among them (a patch of a role's
 * rules is checked as its write is); `bind` on every role an owned binding refers to, and on
 * the roleRef a patched binding declares. Names with the same verbs on one resource share a rule.
 * Rules are sorted by API group, resource and verbs, names sorted: the same input in any order
 * gives the same rules (stable templates).
 * @throws Error naming the object when its kind has no known plural or a binding's roleRef is malformed.
 */
export function manifestsRbacRules(input: Omit<ManifestsRbacInput, 'name' | 'username'>): ManifestsRbacRule[] {
  const grants = new Map<string, { group: string; resource: string; name: string; verbs: Set<string> }>();
  const grant = (group: string, resource: string, name: string, verbs: readonly string[]): void => {
    const key = JSON.stringify([group, resource, name]);
    const existing = grants.get(key);
    if (existing === undefined) grants.set(key, { group, resource, name, verbs: new Set(verbs) });
    else verbs.forEach((v) => existing.verbs.add(v));
  };
  const declared = [
    ...input.objects.map((obj, i) => ({ obj, owned: true, where: `Objects[${i}]` })),
    ...(input.patches ?? []).map((obj, i) => ({ obj, owned: false, where: `Patches[${i}]` })),
  ];
  for (const { obj, owned, where } of declared) {
    const { group, resource } = resourceOf(obj, input.customKinds ?? [], where);
    const name = obj.metadata.name;
    grant(group, resource, name, owned ? OWNED_VERBS : PATCHED_VERBS);
    if (group === ApiGroups.rbac && ROLE_RESOURCES.has(obj.kind)) grant(group, resource, name, ['escalate']);
    // A patch of a binding that declares its roleRef is checked as a write of that roleRef.
    if (group === ApiGroups.rbac && BINDING_KINDS.has(obj.kind) && (owned || obj.roleRef !== undefined)) {
      const role = roleRefOf(obj, where);
      grant(ApiGroups.rbac, role.resource, role.name, ['bind']);
    }
  }
  const rules = new Map<string, ManifestsRbacRule>();
  for (const g of grants.values()) {
    const verbs = [...g.verbs].sort();
    const key = JSON.stringify([g.group, g.resource, verbs]);
    const rule = rules.get(key);
    if (rule === undefined) rules.set(key, { apiGroups: [g.group], resources: [g.resource], verbs, resourceNames: [g.name] });
    else rule.resourceNames.push(g.name);
  }
  // The keys are JSON of [group, resource, verbs]: their code-unit order is that order.
  return [...rules.keys()].sort().map((key) => {
    const r = rules.get(key) as ManifestsRbacRule;
    return { ...r, resourceNames: [...r.resourceNames].sort() };
  });
}

/**
 * The function's RBAC: a ClusterRole with {@link manifestsRbacRules} and a ClusterRoleBinding
 * of it to `User input.username` (the provider's access entry), both named `input.name`.
 * @throws Error as {@link manifestsRbacRules}.
 */
export function manifestsRbac(input: ManifestsRbacInput): [ManifestsClusterRole, ManifestsClusterRoleBinding] {
  const metadata = { name: input.name, labels: managedLabels() };
  return [
    { apiVersion: apiVersionOf(ApiGroups.rbac), kind: 'ClusterRole', metadata, rules: manifestsRbacRules(input) },
    {
      apiVersion: apiVersionOf(ApiGroups.rbac),
      kind: 'ClusterRoleBinding',
      metadata: { name: input.name, labels: managedLabels() },
      roleRef: { apiGroup: ApiGroups.rbac, kind: 'ClusterRole', name: input.name },
      subjects: [{ kind: 'User', apiGroup: ApiGroups.rbac, name: input.username }],
    },
  ];
}

/**
 * The API group and resource plural of an object: from the built-in table (any version of a
 * built-in group and kind), else from `customKinds`.
 * @throws Error naming the item (`where`), the object and the fix.
 */
export function resourceOf(obj: KubernetesObject, customKinds: readonly CustomKind[], where: string): { group: string; resource: string } {
  const gv = typeof obj.apiVersion === 'string' ? parseApiVersion(obj.apiVersion) : undefined;
  const name = obj.metadata?.name;
  if (gv === undefined || typeof obj.kind !== 'string' || typeof name !== 'string' || name === '') {
    throw new Error(`${where}: ${JSON.stringify({ apiVersion: obj.apiVersion, kind: obj.kind, name })} is not a Kubernetes object with an apiVersion, a kind and metadata.name, so its RBAC cannot be generated; fix the object`);
  }
  const known = [...BUILTIN_KINDS, ...customKinds].find((k) => k.group === gv.group && k.kind === obj.kind);
  if (known === undefined) {
    const ns = obj.metadata.namespace === undefined ? '' : `${obj.metadata.namespace}/`;
    throw new Error(`${where} (${obj.kind} ${ns}${name}): kind ${obj.kind} of apiVersion ${obj.apiVersion} is not a built-in kind (${BUILTIN_KINDS.map((k) => k.kind).join(', ')}), so the RBAC generated at synth does not know its resource plural; declare it in customKinds as { group: ${JSON.stringify(gv.group)}, kind: ${JSON.stringify(obj.kind)}, resource: '<plural, as kubectl api-resources lists it>' }`);
  }
  return { group: gv.group, resource: known.resource };
}

function roleRefOf(binding: KubernetesObject, where: string): { resource: string; name: string } {
  const ref = binding.roleRef as { kind?: unknown; name?: unknown } | undefined;
  const resource = typeof ref?.kind === 'string' ? ROLE_RESOURCES.get(ref.kind) : undefined;
  if (resource === undefined || typeof ref?.name !== 'string' || ref.name === '') {
    const ns = binding.metadata.namespace === undefined ? '' : `${binding.metadata.namespace}/`;
    throw new Error(`${where} (${binding.kind} ${ns}${binding.metadata.name}): roleRef ${JSON.stringify(ref)} does not name a Role or ClusterRole, so the bind right it needs cannot be generated; give roleRef a kind (Role or ClusterRole) and a name`);
  }
  return { resource, name: ref.name };
}
