/**
 * What the handler function was configured for at synth (its environment, see
 * `AwsAuthFunctionEnv` in api.ts), and the check that an event asks for no more. Pure: the
 * environment is passed in.
 */
import { AwsAuthFunctionEnv, AwsAuthProps, OWNER_LIST_SEPARATOR } from './api';
import { AwsAuthInputError } from './core/errors';

/** The function's own configuration of the safety switches. */
export interface FunctionAuthority {
  /** The function's name (Lambda's `AWS_LAMBDA_FUNCTION_NAME`), for messages. */
  readonly functionName: string;
  /** Owners allowed `AllowClusterAdmin`. */
  readonly clusterAdminOwners: readonly string[];
  /** Owners allowed `TakeOverUnowned`. */
  readonly takeOverOwners: readonly string[];
}

/** What an event asks for. */
export interface AuthorityRequest {
  readonly owner: string;
  readonly allowClusterAdmin: boolean;
  readonly takeOverUnowned: boolean;
}

function ownerList(value: string | undefined): string[] {
  return (value ?? '').split(OWNER_LIST_SEPARATOR).map((o) => o.trim()).filter((o) => o !== '');
}

/** Reads the function's configuration; an absent variable allows nobody. */
export function readAuthority(env: Readonly<Record<string, string | undefined>>): FunctionAuthority {
  return {
    functionName: env.AWS_LAMBDA_FUNCTION_NAME || 'the aws-auth handler function',
    clusterAdminOwners: ownerList(env[AwsAuthFunctionEnv.clusterAdminOwners]),
    takeOverOwners: ownerList(env[AwsAuthFunctionEnv.takeOverOwners]),
  };
}

function refuse(property: string, prop: string, variable: string, listed: readonly string[], owner: string, fn: string): AwsAuthInputError {
  const lists = listed.length === 0 ? 'lists no owner' : `lists only ${listed.map((o) => JSON.stringify(o)).join(', ')}`;
  return new AwsAuthInputError(
    `owner "${owner}" asks for ${property}, but function ${fn} is not configured to allow it for that owner (its ${variable} ${lists}); nothing was written; `
    + `set ${prop}: true on that owner's AwsAuthMappings in the stack that defines this function and deploy that stack, so that its synth lists the owner`,
  );
}

/**
 * Refuses an event that asks for a switch the function was not configured to allow for its
 * owner. Called for Create and Update; Delete asks for nothing (it only removes).
 * @throws AwsAuthInputError naming the function, the owner, the variable and the fix.
 */
export function checkAuthority(req: AuthorityRequest, authority: FunctionAuthority): void {
  if (req.allowClusterAdmin && !authority.clusterAdminOwners.includes(req.owner)) {
    throw refuse(AwsAuthProps.allowClusterAdmin, 'allowClusterAdmin', AwsAuthFunctionEnv.clusterAdminOwners, authority.clusterAdminOwners, req.owner, authority.functionName);
  }
  if (req.takeOverUnowned && !authority.takeOverOwners.includes(req.owner)) {
    throw refuse(AwsAuthProps.takeOverUnowned, 'takeOverUnowned', AwsAuthFunctionEnv.takeOverOwners, authority.takeOverOwners, req.owner, authority.functionName);
  }
}
