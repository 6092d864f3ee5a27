/**
 * Config validation of the people roles the app creates: role names, session length, who may
 * assume each role (never a whole account for a cluster-admin role), and break-glass roles.
 */
import { isAccountId } from '../../../lambda/aws-auth/core/arn';
import { Groups } from '../../k8s/groups';
import type { ProblemCollector } from '../errors';
import { IAM_ROLE_NAME } from '../names';
import type { EnvironmentConfig, PeopleRoleConfig } from '../types';
import { checkMapping } from './mappings';
import { checkPrincipalArn } from './principal-arn';

/** A people role with its defaults applied. */
export interface ResolvedPeopleRole extends PeopleRoleConfig {
  readonly trustedPrincipals: string[];
  readonly maxSessionHours: number;
  readonly breakGlass: boolean;
  readonly consoleAccess: boolean;
}

/** Checks every people role and returns them with their defaults. */
export function checkPeople(env: EnvironmentConfig, partition: string, allowClusterAdmin: boolean, p: ProblemCollector): ResolvedPeopleRole[] {
  if (!Array.isArray(env.people)) { p.add('people', env.people, 'must be a list (may be empty)'); return []; }
  const names = new Set<string>();
  return env.people.map((person, i) => {
    const f = `people[${i}]`;
    if (typeof person.roleName !== 'string' || !IAM_ROLE_NAME.test(person.roleName)) p.add(`${f}.roleName`, person.roleName, 'must be an IAM role name (letters, digits, +=,.@_-, at most 64)');
    else if (names.has(person.roleName.toLowerCase())) p.add(`${f}.roleName`, person.roleName, 'is used by another people role (IAM role names are case-insensitive)');
    names.add(String(person.roleName).toLowerCase());
    checkMapping(f, 'role', person.username, person.groups, false, allowClusterAdmin, p);
    const clusterAdmin = Array.isArray(person.groups) && person.groups.includes(Groups.clusterAdmin);
    const breakGlass = checkBreakGlass(f, person, clusterAdmin, p);
    const consoleAccess = person.consoleAccess ?? false;
    if (typeof consoleAccess !== 'boolean') p.add(`${f}.consoleAccess`, person.consoleAccess, 'must be true or false (true: the role may see this cluster\'s nodes and workloads in the EKS console)');
    const hours = person.maxSessionHours ?? 1;
    if (!Number.isInteger(hours) || hours < 1 || hours > 12) p.add(`${f}.maxSessionHours`, person.maxSessionHours, 'must be a whole number of hours from 1 to 12');
    if (clusterAdmin && person.trustedPrincipals === undefined) {
      p.add(`${f}.trustedPrincipals`, undefined, `maps to ${Groups.clusterAdmin}, so it may not default to trusting the whole account root; ${ADMIN_TRUST_FIX}`);
      return { ...person, trustedPrincipals: [], maxSessionHours: hours, breakGlass, consoleAccess: consoleAccess === true };
    }
    // Default trust is the environment account; a bad account is reported once, under "account".
    const trusted = person.trustedPrincipals ?? (isAccountId(env.account) ? [env.account] : undefined);
    if (trusted === undefined) return { ...person, trustedPrincipals: [], maxSessionHours: hours, breakGlass, consoleAccess: consoleAccess === true };
    if (!Array.isArray(trusted) || trusted.length === 0) p.add(`${f}.trustedPrincipals`, trusted, 'list at least one account id or IAM role/user ARN, or omit it to trust the environment account');
    else trusted.forEach((t, j) => {
      const tf = `${f}.trustedPrincipals[${j}]`;
      if (isAccountId(t)) {
        if (clusterAdmin) p.add(tf, t, `is a whole account root (any principal of account ${t} that its IAM policies allow), and this role maps to ${Groups.clusterAdmin}; ${ADMIN_TRUST_FIX}`);
        return;
      }
      const parsedKind = typeof t === 'string' && /:user\//.test(t) ? 'user' : 'role';
      if (checkPrincipalArn(tf, t, parsedKind, partition, p) && breakGlass && parsedKind !== 'user') {
        p.add(tf, t, 'is not an IAM user, and a break-glass role requires MFA (aws:MultiFactorAuthPresent), which only an IAM user presents when it calls sts:AssumeRole with --serial-number and --token-code; a role session (IAM Identity Center included) never does, so it could never assume this role. Trust break-glass IAM users (arn:aws:iam::ACCOUNT:user/NAME) with MFA devices');
      }
    });
    return { ...person, trustedPrincipals: Array.isArray(trusted) ? trusted : [], maxSessionHours: hours, breakGlass, consoleAccess: consoleAccess === true };
  });
}

/** How to give a cluster-admin people role a trust that names who may assume it. */
const ADMIN_TRUST_FIX = 'list the IAM role or user ARNs that may assume it (for example your IAM Identity Center admin role, '
  + 'arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/REGION/AWSReservedSSO_AdministratorAccess_ID), and keep a break-glass role (breakGlass: true, trusted by IAM users with MFA)';

/** `breakGlass` is a boolean and only makes sense on a cluster-admin role. */
function checkBreakGlass(f: string, person: PeopleRoleConfig, clusterAdmin: boolean, p: ProblemCollector): boolean {
  const value = person.breakGlass ?? false;
  if (typeof value !== 'boolean') {
    p.add(`${f}.breakGlass`, person.breakGlass, 'must be true or false');
    return false;
  }
  if (value && !clusterAdmin) p.add(`${f}.breakGlass`, value, `marks a break-glass cluster-admin role, but groups do not include ${Groups.clusterAdmin}; add ${Groups.clusterAdmin} or remove breakGlass`);
  return value;
}
