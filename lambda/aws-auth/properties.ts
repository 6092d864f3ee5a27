import { AwsAuthProps, EKS_CLUSTER_NAME_RE } from './api';
import type { RoleMapping, UserMapping } from './api';
import { AwsAuthInputError } from './core/errors';
import { OWNER_ID_RE } from './core/owners';
import { describeReserved, reservedIdentities } from './core/reserved';
import type { IdentityFields } from './core/reserved';

/** The resource properties after the untrusted input was checked. */
export interface MergeRequest {
  readonly clusterName: string;
  readonly owner: string;
  readonly mapRoles: RoleMapping[];
  readonly mapUsers: UserMapping[];
  readonly mapAccounts: string[];
  readonly allowClusterAdmin: boolean;
  readonly takeOverUnowned: boolean;
  readonly validatePrincipals: boolean;
  readonly assumeRoleArn?: string;
}

// The core's owner ids (OWNER_ID_RE) must start with a letter or digit: an owner that passed
// here but not there would fail Create late and, worse, fail every Delete (stack stuck).

/**
 * Checks the shape of the properties CloudFormation sent. Entry contents (ARNs, names) are
 * checked by the core's validateDesired, reserved identities by `checkReservedIdentities`.
 * @throws AwsAuthInputError naming the property, the value and the fix.
 */
export function parseRequest(props: Record<string, unknown> | undefined): MergeRequest {
  return parseShapes(props);
}

/**
 * Refuses reserved Kubernetes identities in the owner's own mappings (core/reserved.ts:
 * `system:`, `eks:`, `aws:`, `amazon:`, `iam:` usernames and groups, except the node shapes
 * and `system:masters` with AllowClusterAdmin). For Create and Update only: Delete removes the
 * owner's entries, whatever an older version accepted, and never judges foreign entries.
 * @throws AwsAuthInputError naming every refused field, its value and the fix.
 */
export function checkReservedIdentities(req: MergeRequest): void {
  const found: string[] = [];
  const judge = (field: string, kind: 'role' | 'user', list: readonly unknown[]): void => {
    list.forEach((m, i) => {
      if (typeof m !== 'object' || m === null) return;
      for (const r of reservedIdentities(kind, m as IdentityFields, { allowClusterAdmin: req.allowClusterAdmin })) found.push(describeReserved(`${field}[${i}]`, r));
    });
  };
  judge('mapRoles', 'role', req.mapRoles);
  judge('mapUsers', 'user', req.mapUsers);
  if (found.length === 1) throw new AwsAuthInputError(found[0]);
  if (found.length > 1) throw new AwsAuthInputError(`${found.length} reserved Kubernetes identities: ${found.join('; ')}`);
}

function parseShapes(props: Record<string, unknown> | undefined): MergeRequest {
  const p = props ?? {};
  const clusterName = p[AwsAuthProps.clusterName];
  if (typeof clusterName !== 'string' || !EKS_CLUSTER_NAME_RE.test(clusterName)) {
    throw new AwsAuthInputError(`property ${AwsAuthProps.clusterName} = ${JSON.stringify(clusterName)} is not an EKS cluster name; pass the cluster's name`);
  }
  const owner = p[AwsAuthProps.owner];
  if (typeof owner !== 'string' || !OWNER_ID_RE.test(owner)) {
    throw new AwsAuthInputError(`property ${AwsAuthProps.owner} = ${JSON.stringify(owner)} must be 1-256 characters of letters, digits and ._/:@-, starting with a letter or digit`);
  }
  return {
    clusterName,
    owner,
    mapRoles: list(p, AwsAuthProps.mapRoles) as RoleMapping[],
    mapUsers: list(p, AwsAuthProps.mapUsers) as UserMapping[],
    mapAccounts: list(p, AwsAuthProps.mapAccounts) as string[],
    allowClusterAdmin: flag(p, AwsAuthProps.allowClusterAdmin, false),
    takeOverUnowned: flag(p, AwsAuthProps.takeOverUnowned, false),
    validatePrincipals: flag(p, AwsAuthProps.validatePrincipals, true),
    assumeRoleArn: optionalString(p, AwsAuthProps.assumeRoleArn),
  };
}

function list(p: Record<string, unknown>, key: string): unknown[] {
  const v = p[key];
  if (v === undefined || v === '') return [];
  if (!Array.isArray(v)) throw new AwsAuthInputError(`property ${key} = ${JSON.stringify(v)} must be a list`);
  return v;
}

function flag(p: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = p[key];
  if (v === undefined) return dflt;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new AwsAuthInputError(`property ${key} = ${JSON.stringify(v)} must be "true" or "false"`);
}

function optionalString(p: Record<string, unknown>, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new AwsAuthInputError(`property ${key} = ${JSON.stringify(v)} must be a string`);
  return v;
}
