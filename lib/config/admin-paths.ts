import { Groups } from '../k8s/groups';
import type { ResolvedEnvironment } from './validate';

/** One way config declares into cluster admin (`system:masters`) of an environment. */
export interface DeclaredAdminPath {
  /** Config field that declares it, for example `people[0]`. */
  readonly field: string;
  /** The IAM principal mapped to `system:masters` (a people role by name, or an ARN). */
  readonly principal: string;
  /** Who may become that principal: the trust of a people role; the ARN itself otherwise. */
  readonly reachedBy: readonly string[];
  /** A people role with `breakGlass: true` (MFA required). */
  readonly breakGlass: boolean;
}

/**
 * The declared admin paths of an environment: every principal config maps to
 * `system:masters` that someone can actually reach (a people role with a non-empty trust, an
 * existing role or an IAM user mapped by ARN). The cluster creator's bootstrap admin
 * (`bootstrapCreatorAdmin`) is not one: it is the CloudFormation execution role, which only
 * CloudFormation can assume. An environment without any path locks every person out of cluster
 * admin; the shipped config is tested to always have one.
 */
export function declaredAdminPaths(env: ResolvedEnvironment): DeclaredAdminPath[] {
  if (!env.allowClusterAdmin) return [];
  const admin = (groups: readonly string[]) => groups.includes(Groups.clusterAdmin);
  return [
    ...env.people.flatMap((r, i) => (admin(r.groups) && r.trustedPrincipals.length
      ? [{ field: `people[${i}]`, principal: `role/${r.roleName}`, reachedBy: r.trustedPrincipals, breakGlass: r.breakGlass }]
      : [])),
    ...env.existingRoles.flatMap((r, i) => (admin(r.groups) ? [{ field: `existingRoles[${i}]`, principal: r.arn, reachedBy: [r.arn], breakGlass: false }] : [])),
    ...env.users.flatMap((u, i) => (admin(u.groups) ? [{ field: `users[${i}]`, principal: u.arn, reachedBy: [u.arn], breakGlass: false }] : [])),
  ];
}
