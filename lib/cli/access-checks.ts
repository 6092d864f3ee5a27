import type { ResourceAttributes } from '../../lambda/aws-auth/io/kube-types';
import { desiredMappings } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { Groups, NODE_GROUPS } from '../k8s/groups';

/** One `kubectl auth can-i` question and the answer the config implies. */
export interface AccessCheck {
  /** The mapped identity (templates such as `{{SessionName}}` rendered as `verify`). */
  readonly user: string;
  readonly groups: string[];
  readonly attributes: ResourceAttributes;
  /** Whether the identity should be allowed. */
  readonly expectAllowed: boolean;
  /** Human description, for example `developer can get pods in payments`. */
  readonly describe: string;
}

/**
 * What each declared mapping should and should not be able to do, from config alone:
 * developers read workloads in their namespaces but cannot create pods or read secrets, and cannot
 * read pods in namespaces declared without developer access; readers list cluster-wide; only
 * cluster admins may do `*`. Node mappings are not people and are skipped.
 */
export function accessChecks(env: ResolvedEnvironment): AccessCheck[] {
  const checks: AccessCheck[] = [];
  const devNamespaces = env.namespaces.filter((n) => n.developerAccess).map((n) => n.name);
  const closedNamespaces = env.namespaces.filter((n) => !n.developerAccess).map((n) => n.name);
  const { mapRoles, mapUsers } = desiredMappings(env);
  const identities = [...mapRoles, ...mapUsers].filter((m) => !m.groups.some((g) => NODE_GROUPS.includes(g)));
  for (const m of identities) {
    const user = m.username.replace(/\{\{\w+\}\}/g, 'verify');
    const admin = m.groups.includes(Groups.clusterAdmin);
    const check = (attributes: ResourceAttributes, expectAllowed: boolean, what: string) => checks.push({
      user, groups: m.groups, attributes, expectAllowed, describe: `${m.username} ${expectAllowed ? 'can' : 'cannot'} ${what}`,
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
  }
  return checks;
}
