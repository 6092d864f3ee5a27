/**
 * A small but real RBAC evaluator for the kube stand-in: given Role, ClusterRole, RoleBinding
 * and ClusterRoleBinding objects (as `lib/k8s` builds them), it answers an access question the
 * way the Kubernetes RBAC authorizer does, so `verify` can be tested against the RBAC the app
 * really applies, and against RBAC that grants more or less than that.
 *
 * Follows kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac (rbac.go, subject_locator.go)
 * and pkg/apis/rbac/v1/evaluation_helpers.go:
 * - cluster-wide requests (no namespace) see ClusterRoleBindings only; namespaced requests see
 *   ClusterRoleBindings and the RoleBindings of that namespace (a RoleBinding to a ClusterRole
 *   grants its rules in the binding's namespace only);
 * - a rule matches when verb, API group, resource (`res/sub`, `*`, or star-slash-sub) and, when the
 *   rule lists resourceNames, the request's name all match; `*` in a rule matches anything;
 *   a rule with resourceNames never matches a request without a name (create, list);
 * - subjects: Group (one of the request's groups), User (the username), ServiceAccount
 *   (`system:serviceaccount:<ns>:<name>`, namespace defaulting to the binding's);
 * - a binding whose role does not exist grants nothing;
 * - `system:masters` is allowed everything (the API server's privileged-group authorizer).
 * Not modelled (refused, never ignored): aggregated ClusterRoles; non-resource URLs.
 */
import type { KubeAuthorizer, KubeAuthzDetails } from './kube-api-server';

/** The Kubernetes group that bypasses authorization. */
export const PRIVILEGED_GROUP = 'system:masters';

/** One rule of a Role or ClusterRole (structurally `lib/k8s/rbac` PolicyRule). */
export interface RbacRuleLike {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** A Role or ClusterRole. */
export interface RbacRoleLike {
  readonly kind: 'Role' | 'ClusterRole';
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly rules: readonly RbacRuleLike[];
  readonly aggregationRule?: unknown;
}

/** A subject of a binding. */
export interface RbacSubjectLike {
  readonly kind: 'Group' | 'User' | 'ServiceAccount';
  readonly name: string;
  readonly namespace?: string;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface RbacBindingLike {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly roleRef: { readonly kind: 'Role' | 'ClusterRole'; readonly name: string };
  readonly subjects: readonly RbacSubjectLike[];
}

/** Any RBAC object the evaluator stores. */
export type RbacObject = RbacRoleLike | RbacBindingLike;

/** An access question (a SubjectAccessReview's resourceAttributes plus its user and groups). */
export interface RbacRequest {
  readonly user: string;
  readonly groups: readonly string[];
  readonly verb: string;
  /** @default '' (the core group) */
  readonly apiGroup?: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Absent: a cluster-wide question. */
  readonly namespace?: string;
  readonly name?: string;
}

/** The answer, with the reason Kubernetes would give. */
export interface RbacDecision {
  readonly allowed: boolean;
  readonly reason: string;
}

function isBinding(o: RbacObject): o is RbacBindingLike {
  return o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding';
}

function idOf(o: RbacObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

const ALL = '*';

function verbMatches(rule: RbacRuleLike, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

function apiGroupMatches(rule: RbacRuleLike, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

function resourceMatches(rule: RbacRuleLike, combined: string, subresource: string | undefined): boolean {
  return rule.resources.some((r) => r === ALL || r === combined || (!!subresource && r === `*/${subresource}`));
}

function resourceNameMatches(rule: RbacRuleLike, name: string | undefined): boolean {
  return !rule.resourceNames || rule.resourceNames.length === 0 || (!!name && rule.resourceNames.includes(name));
}

/** True when `rule` allows `req` (evaluation_helpers.go RuleAllows, resource requests). */
export function ruleAllows(rule: RbacRuleLike, req: RbacRequest): boolean {
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  return verbMatches(rule, req.verb)
    && apiGroupMatches(rule, req.apiGroup ?? '')
    && resourceMatches(rule, combined, req.subresource)
    && resourceNameMatches(rule, req.name);
}

function subjectApplies(s: RbacSubjectLike, req: RbacRequest, bindingNamespace: string | undefined): boolean {
  switch (s.kind) {
    case 'User': return s.name === req.user;
    case 'Group': return req.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return !!ns && req.user === `system:serviceaccount:${ns}:${s.name}`;
    }
  }
}

/**
 * The RBAC objects of one cluster and the evaluation over them. `apply` replaces an object with
 * the same kind, namespace and name, as `kubectl apply` does; `remove` deletes one.
 */
export class RbacEvaluator {
  private readonly objects = new Map<string, RbacObject>();

  constructor(objects: readonly RbacObject[] = []) {
    this.apply(...objects);
  }

  /** Stores objects after the checks the API server's validation makes. */
  apply(...objects: readonly RbacObject[]): this {
    for (const o of objects) {
      const namespaced = o.kind === 'Role' || o.kind === 'RoleBinding';
      if (namespaced !== !!o.metadata.namespace) {
        throw new Error(`${o.kind} "${o.metadata.name}" ${namespaced ? 'needs' : 'must not have'} metadata.namespace`);
      }
      if (!isBinding(o) && o.aggregationRule !== undefined) {
        throw new Error(`ClusterRole "${o.metadata.name}" uses aggregationRule, which this evaluator does not model`);
      }
      if (o.kind === 'ClusterRoleBinding' && o.roleRef.kind !== 'ClusterRole') {
        throw new Error(`ClusterRoleBinding "${o.metadata.name}" may only refer to a ClusterRole, not a ${o.roleRef.kind}`);
      }
      this.objects.set(idOf(o), JSON.parse(JSON.stringify(o)) as RbacObject);
    }
    return this;
  }

  /** Deletes an object; true when it existed. */
  remove(kind: RbacObject['kind'], name: string, namespace?: string): boolean {
    return this.objects.delete(`${kind}/${namespace ?? ''}/${name}`);
  }

  /** All stored objects. */
  list(): RbacObject[] {
    return [...this.objects.values()];
  }

  /** Answers one access question. */
  authorize(req: RbacRequest): RbacDecision {
    if (req.groups.includes(PRIVILEGED_GROUP)) {
      return { allowed: true, reason: `allowed: member of ${PRIVILEGED_GROUP}` };
    }
    const bindings = this.list().filter(isBinding).filter((b) => b.kind === 'ClusterRoleBinding'
      || (req.namespace !== undefined && b.metadata.namespace === req.namespace))
      .sort((a, b) => (a.kind === b.kind ? a.metadata.name.localeCompare(b.metadata.name) : a.kind === 'ClusterRoleBinding' ? -1 : 1));
    for (const b of bindings) {
      const subject = b.subjects.find((s) => subjectApplies(s, req, b.metadata.namespace));
      if (!subject) continue;
      const roleNs = b.roleRef.kind === 'Role' ? b.metadata.namespace : undefined;
      const role = this.objects.get(`${b.roleRef.kind}/${roleNs ?? ''}/${b.roleRef.name}`) as RbacRoleLike | undefined;
      if (!role) continue; // a dangling roleRef grants nothing
      if (role.rules.some((r) => ruleAllows(r, req))) {
        const where = b.metadata.namespace ? `"${b.metadata.name}/${b.metadata.namespace}"` : `"${b.metadata.name}"`;
        return {
          allowed: true,
          reason: `RBAC: allowed by ${b.kind} ${where} of ${b.roleRef.kind} "${b.roleRef.name}" to ${subject.kind} "${subject.name}"`,
        };
      }
    }
    return { allowed: false, reason: '' };
  }
}

/**
 * A stand-in authorizer over `rbac`. A SubjectAccessReview is evaluated with the review's own
 * user and groups (as Kubernetes does, with no implicit groups added); a request made by a
 * caller (an IAM ARN) uses `groupsOf(arn)`, standing in for aws-auth or an access entry.
 */
export function rbacAuthorizer(rbac: RbacEvaluator, groupsOf: (user: string) => readonly string[]): KubeAuthorizer {
  return (user, verb, resource, namespace, name, groups, details?: KubeAuthzDetails) => rbac.authorize({
    user,
    groups: groups ?? groupsOf(user),
    verb,
    apiGroup: details?.apiGroup ?? '',
    resource,
    ...(details?.subresource ? { subresource: details.subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  });
}
