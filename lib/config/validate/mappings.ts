/**
 * Config validation of the aws-auth mappings an environment declares: usernames and groups, node
 * roles, reserved identities, existing roles, users, and a principal mapped twice.
 */
import { roleKey, userKey } from '../../../lambda/aws-auth/core/arn';
import { EC2_NODE_USERNAME, WINDOWS_KUBE_PROXY_GROUP, nodeShapeOf, reservedIdentities } from '../../../lambda/aws-auth/core/reserved';
import { MAX_NAME_LENGTH, nameProblem } from '../../../lambda/aws-auth/core/validate';
import { Groups, NODE_GROUPS } from '../../k8s/groups';
import type { ProblemCollector } from '../errors';
import type { ExistingRoleMappingConfig, UserMappingConfig } from '../types';
import { checkPrincipalArn } from './principal-arn';
import type { ResolvedPeopleRole } from './people';

/** A username or group the authenticator's parser reads exactly (the handler's rule, `nameProblem`). */
function checkName(field: string, value: string, p: ProblemCollector): void {
  const problem = nameProblem(value);
  if (problem !== undefined) p.add(field, value, `cannot be written to aws-auth as it is: ${problem}; use printable characters without leading or trailing spaces (at most ${MAX_NAME_LENGTH})`);
}

/**
 * Checks username and groups of one mapping. Reserved identities are judged by the same rule as
 * the construct and the handler (`lambda/aws-auth/core/reserved.ts`); a node role must have a
 * node shape exactly, and a node shape is only accepted on a role declared `nodeRole: true`.
 */
export function checkMapping(field: string, kind: 'role' | 'user', username: unknown, groups: unknown, nodeRole: boolean, allowClusterAdmin: boolean, p: ProblemCollector): void {
  if (typeof username !== 'string' || username.trim() === '') {
    p.add(`${field}.username`, username, 'must be a non-empty Kubernetes username');
  } else {
    checkName(`${field}.username`, username, p);
  }
  if (!Array.isArray(groups)) {
    p.add(`${field}.groups`, groups, 'must be a list of Kubernetes group names (may be empty)');
    return;
  }
  groups.forEach((g, j) => {
    if (typeof g !== 'string' || g.trim() === '') p.add(`${field}.groups[${j}]`, g, 'must be a non-empty group name');
    else checkName(`${field}.groups[${j}]`, g, p);
  });
  const shape = nodeShapeOf({ username, groups });
  if (nodeRole) {
    if (shape === undefined || shape.username !== EC2_NODE_USERNAME) {
      p.add(field, { username, groups }, `a node role must map to username "${EC2_NODE_USERNAME}" with exactly the groups ${NODE_GROUPS.join(' and ')} (Windows nodes add ${WINDOWS_KUBE_PROXY_GROUP})`);
    }
    return;
  }
  if (shape !== undefined) {
    p.add(`${field}.groups`, groups, 'is the node mapping shape; declare the role under existingRoles with nodeRole: true');
    return;
  }
  for (const r of reservedIdentities(kind, { username, groups }, { allowClusterAdmin })) {
    if (r.value === Groups.clusterAdmin) {
      p.add(`${field}.${r.field}`, r.value, 'grants cluster-admin; set allowClusterAdmin: true for this environment if that is intended, otherwise use "reader" or "developer"');
    } else if (NODE_GROUPS.includes(r.value)) {
      p.add(`${field}.${r.field}`, r.value, 'is reserved for node roles; declare the role under existingRoles with nodeRole: true');
    } else {
      p.add(`${field}.${r.field}`, r.value, r.reason);
    }
  }
}

/** Checks every existing-role mapping. */
export function checkExistingRoles(roles: ExistingRoleMappingConfig[], partition: string, allowClusterAdmin: boolean, p: ProblemCollector): void {
  roles.forEach((r, i) => {
    const f = `existingRoles[${i}]`;
    checkPrincipalArn(`${f}.arn`, r.arn, 'role', partition, p);
    checkMapping(f, 'role', r.username, r.groups, r.nodeRole === true, allowClusterAdmin, p);
  });
}

/** Checks every IAM user mapping. */
export function checkUsers(users: UserMappingConfig[], partition: string, allowClusterAdmin: boolean, p: ProblemCollector): void {
  users.forEach((u, i) => {
    const f = `users[${i}]`;
    checkPrincipalArn(`${f}.arn`, u.arn, 'user', partition, p);
    checkMapping(f, 'user', u.username, u.groups, false, allowClusterAdmin, p);
  });
}

/** A principal mapped twice must map to the same username and groups both times. */
export function checkDuplicatePrincipals(
  account: string, partition: string, people: ResolvedPeopleRole[], roles: ExistingRoleMappingConfig[], users: UserMappingConfig[], p: ProblemCollector,
): void {
  const seen = new Map<string, { field: string; username: string; groups: string }>();
  const visit = (key: string | undefined, field: string, username: string, groups: string[]) => {
    if (!key || !Array.isArray(groups)) return;
    const g = [...groups].sort().join(',');
    const prev = seen.get(key);
    if (prev && (prev.username !== username || prev.groups !== g)) {
      p.add(field, key, `is also mapped by ${prev.field} as "${prev.username}" [${prev.groups}] but here as "${username}" [${g}]; map each principal once`);
    } else if (!prev) {
      seen.set(key, { field, username, groups: g });
    }
  };
  const safeRoleKey = (arn: string) => { try { return roleKey(arn); } catch { return undefined; } };
  people.forEach((r, i) => visit(safeRoleKey(`arn:${partition}:iam::${account}:role/${r.roleName}`), `people[${i}]`, r.username, r.groups));
  roles.forEach((r, i) => visit(safeRoleKey(r.arn), `existingRoles[${i}]`, r.username, r.groups));
  // The authenticator matches users by the lower-cased ARN (IAM user names ignore case too).
  users.forEach((u, i) => visit(typeof u.arn === 'string' ? `user:${userKey(u.arn)}` : undefined, `users[${i}]`, u.username, u.groups));
}
