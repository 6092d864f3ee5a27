/**
 * `accessBackend`, and the rules EKS applies to an access entry, checked at synth for every
 * mapping that becomes one (people, existing roles but node roles, users), so that a deploy
 * never fails on them halfway, and no mapping is rendered to an access entry that would grant
 * less than its aws-auth entry: in API_AND_CONFIG_MAP an access entry wins over the aws-auth
 * entry of the same principal, so a group it cannot carry would be lost silently.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/set-custom-username.html
 */
import { Groups } from '../../k8s/groups';
import { entryMappings } from '../mappings';
import type { ProblemCollector } from '../errors';
import type { AccessBackend, EnvironmentConfig, ExistingRoleMappingConfig, UserMappingConfig } from '../types';
import type { ResolvedPeopleRole } from './people';

/** The backends, in the order of the move off aws-auth. */
export const ACCESS_BACKENDS: readonly AccessBackend[] = ['aws-auth', 'both'];

/** Username prefixes EKS keeps for itself. */
export const RESERVED_USERNAME_PREFIXES: readonly string[] = ['system:', 'eks:', 'aws:', 'amazon:', 'iam:'];

/** The session-name templates of an access entry's username. */
const SESSION_TEMPLATES = ['{{SessionName}}', '{{SessionNameRaw}}'];

/** The problem of a username as an access entry's, if any. */
export function accessEntryUsernameProblem(username: string): string | undefined {
  const reserved = RESERVED_USERNAME_PREFIXES.find((prefix) => username.startsWith(prefix));
  if (reserved !== undefined) return `starts with "${reserved}", which EKS refuses in an access entry's username (${RESERVED_USERNAME_PREFIXES.join(', ')} are its own); pick another prefix, for example "team:"`;
  for (const template of SESSION_TEMPLATES) {
    const at = username.indexOf(template);
    if (at >= 0 && !username.slice(0, at).includes(':')) {
      return `has ${template} without a colon before it, which EKS refuses in an access entry's username; put a colon before it, for example "${username.slice(0, at) || 'user'}:${username.slice(at)}"`;
    }
  }
  return undefined;
}

/** The problem of a group as an access entry's, if any (`system:masters` becomes an access policy). */
export function accessEntryGroupProblem(group: string): string | undefined {
  if (group.startsWith('system:') && group !== Groups.clusterAdmin) {
    return `has no access-entry equivalent: an access entry's groups may not start with "system:" (only ${Groups.clusterAdmin} has one, the AmazonEKSClusterAdminPolicy access policy); bind the permissions to a group of your own, or keep this environment on accessBackend "aws-auth"`;
  }
  return undefined;
}

/**
 * Checks `accessBackend` and, unless it is `aws-auth`, every mapping that becomes an access
 * entry; returns the backend (`aws-auth` when absent).
 */
export function checkAccessBackend(
  env: EnvironmentConfig, partition: string, people: readonly ResolvedPeopleRole[],
  existingRoles: readonly ExistingRoleMappingConfig[], users: readonly UserMappingConfig[], p: ProblemCollector,
): AccessBackend {
  const value = (env as { accessBackend?: unknown }).accessBackend ?? 'aws-auth';
  if (!ACCESS_BACKENDS.includes(value as AccessBackend)) {
    p.add('accessBackend', value, `must be one of ${ACCESS_BACKENDS.map((b) => `"${b}"`).join(', ')} ("both": people get EKS access entries and keep their aws-auth entries; the switch to access entries alone is not offered yet)`);
    return 'aws-auth';
  }
  const backend = value as AccessBackend;
  if (backend === 'aws-auth') return backend;
  const mappings = entryMappings({ account: env.account, partition, people: [...people], existingRoles: [...existingRoles], users: [...users] });
  // A field the aws-auth rules refused already (they refuse reserved prefixes too) gets no second problem.
  const refused = new Set(p.problems.map((x) => x.field));
  const add = (field: string, value: unknown, problem: string | undefined) => {
    if (problem !== undefined && !refused.has(field)) p.add(field, value, `${problem} (accessBackend "${backend}")`);
  };
  const seen = new Map<string, string>();
  for (const m of mappings) {
    if (typeof m.username === 'string') add(`${m.field}.username`, m.username, accessEntryUsernameProblem(m.username));
    (Array.isArray(m.groups) ? m.groups : []).forEach((g, j) => {
      if (typeof g === 'string') add(`${m.field}.groups[${j}]`, g, accessEntryGroupProblem(g));
    });
    const earlier = seen.get(m.principalArn);
    if (earlier !== undefined) p.add(m.field, m.principalArn, `is the principal of ${earlier} too, and EKS allows one access entry per principal and cluster; map it once (accessBackend "${backend}")`);
    else seen.set(m.principalArn, m.field);
  }
  return backend;
}
