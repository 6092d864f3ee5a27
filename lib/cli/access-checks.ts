import type { ResourceAttributes } from '../../lambda/edge/kube-types';
import { desiredMappings } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { Groups, NODE_GROUPS } from '../k8s/groups';
import type { MappedPrincipal } from './live-identity';

/** One `kubectl auth can-i` question about a declared mapping and the answer config implies. */
export interface AccessCheck {
  /** What is asked (verb, API group, resource, namespace), as a SubjectAccessReview's resourceAttributes. */
  readonly attributes: ResourceAttributes;
  /** Whether the identity should be allowed. */
  readonly expectAllowed: boolean;
  /** Human description, for example `developer can get pods in payments`. */
  readonly describe: string;
}

/** A declared mapping and the questions `verify` asks as the identity the live aws-auth gives it. */
export interface MappingChecks {
  /** The principal (role or user ARN as config declares it). */
  readonly principal: MappedPrincipal;
  /** Username as config declares it (a template such as `{{SessionName}}` unrendered). */
  readonly username: string;
  /** Groups as config declares them. */
  readonly groups: string[];
  /** The questions, in the order `verify` prints them. */
  readonly checks: AccessCheck[];
}

/**
 * What each declared mapping should and should not be able to do, from config alone:
 * developers read workloads in their namespaces but cannot create pods or read secrets, and cannot
 * read pods in namespaces declared without developer access; readers list cluster-wide; only
 * cluster admins may do `*`, node roles included.
 */
export function mappingChecks(env: ResolvedEnvironment): MappingChecks[] {
  const devNamespaces = env.namespaces.filter((n) => n.developerAccess).map((n) => n.name);
  const closedNamespaces = env.namespaces.filter((n) => !n.developerAccess).map((n) => n.name);
  const { mapRoles, mapUsers } = desiredMappings(env);
  const declared = [
    ...mapRoles.map((m) => ({ principal: { kind: 'role' as const, arn: m.rolearn }, username: m.username, groups: m.groups })),
    ...mapUsers.map((m) => ({ principal: { kind: 'user' as const, arn: m.userarn }, username: m.username, groups: m.groups })),
  ];
  return declared.map((m) => {
    const checks: AccessCheck[] = [];
    const admin = m.groups.includes(Groups.clusterAdmin);
    const node = m.groups.some((g) => NODE_GROUPS.includes(g));
    // Every node role has the same username template; name a node by its role.
    const who = node ? `node role ${m.principal.arn.split('/').pop()}` : m.username;
    const check = (attributes: ResourceAttributes, expectAllowed: boolean, what: string) => checks.push({
      attributes, expectAllowed, describe: `${who} ${expectAllowed ? 'can' : 'cannot'} ${what}`,
    });
    check({ verb: '*', group: '*', resource: '*' }, admin, 'do * on * cluster-wide');
    if (m.groups.includes(Groups.developer)) {
      for (const ns of devNamespaces) {
        check({ verb: 'get', resource: 'pods', namespace: ns }, true, `get pods in ${ns}`);
        check({ verb: 'list', group: 'apps', resource: 'deployments', namespace: ns }, true, `list deployments in ${ns}`);
        check({ verb: 'create', resource: 'pods', namespace: ns }, admin, `create pods in ${ns}`);
        check({ verb: 'get', resource: 'secrets', namespace: ns }, admin, `get secrets in ${ns}`);
      }
      // Namespaces declared without developer access must stay closed to developers.
      for (const ns of closedNamespaces) {
        check({ verb: 'get', resource: 'pods', namespace: ns }, admin || m.groups.includes(Groups.reader), `get pods in ${ns}`);
      }
    }
    if (m.groups.includes(Groups.reader)) {
      check({ verb: 'list', resource: 'pods' }, true, 'list pods cluster-wide');
      check({ verb: 'get', resource: 'secrets' }, admin, 'get secrets cluster-wide');
      check({ verb: 'delete', resource: 'pods' }, admin, 'delete pods cluster-wide');
    }
    return { ...m, checks };
  });
}

/** Every check of every declared mapping, in order. */
export function accessChecks(env: ResolvedEnvironment): AccessCheck[] {
  return mappingChecks(env).flatMap((m) => m.checks);
}
