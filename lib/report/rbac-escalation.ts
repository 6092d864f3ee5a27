/**
 * RBAC's two exceptions to its own escalation check: `escalate` on a Role or ClusterRole lets
 * its holder write any rule into it, `bind` lets it bind it to anyone, itself included, whatever
 * the role holds. Both are checked against the role's name (`resourceNames` limit them), so a
 * holder is admin-equivalent on exactly those names. Pure.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
 */
import type { RbacBinding, RbacRule } from './model';

/** The verbs that bypass RBAC's escalation check. */
export const ESCALATION_VERBS = ['escalate', 'bind'] as const;

/** One of {@link ESCALATION_VERBS}. */
export type EscalationVerb = (typeof ESCALATION_VERBS)[number];

/** The role resources they apply to, and the kind each one names. */
const ROLE_RESOURCES = { clusterroles: 'ClusterRole', roles: 'Role' } as const;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What a holder may `escalate` or `bind`: one verb on one kind of role, by name. */
export interface EscalationGrant {
  readonly verb: EscalationVerb;
  readonly kind: 'ClusterRole' | 'Role';
  /** The role names, sorted; `*` when the rules do not limit the names. */
  readonly names: readonly string[];
}

const has = (list: readonly string[], value: string) => list.includes('*') || list.includes(value);

/** The escalate and bind grants of `rules`, per verb and kind (names merged; `*` wins). */
export function escalationGrants(rules: readonly RbacRule[]): EscalationGrant[] {
  const out: EscalationGrant[] = [];
  for (const verb of ESCALATION_VERBS) {
    for (const [resource, kind] of Object.entries(ROLE_RESOURCES)) {
      const matching = rules.filter((r) => has(r.apiGroups, RBAC_GROUP) && has(r.resources, resource) && has(r.verbs, verb));
      if (matching.length === 0) continue;
      const every = matching.some((r) => r.resourceNames.length === 0);
      const names = every ? ['*'] : [...new Set(matching.flatMap((r) => r.resourceNames))].sort();
      out.push({ verb, kind, names });
    }
  }
  return out;
}

/**
 * The roles `grants` reach through `binding`: `ClusterRole name`, and `Role namespace/name` for
 * a RoleBinding's namespace or `Role` + `*` + `/name` (every namespace) for a ClusterRoleBinding; sorted.
 */
export function escalationTargets(grants: readonly EscalationGrant[], binding: Pick<RbacBinding, 'kind' | 'namespace'>): string[] {
  const namespace = binding.kind === 'RoleBinding' ? (binding.namespace ?? 'default') : '*';
  const ids = grants.flatMap((g) => g.names.map((n) => (g.kind === 'ClusterRole' ? `ClusterRole ${n}` : `Role ${namespace}/${n}`)));
  return [...new Set(ids)].sort();
}
