/**
 * `npm run sandbox -- apply`: the real aws-auth handler (lambda/aws-auth, the Lambda's own
 * `createHandler`) run once against a running sandbox, with the CloudFormation Create event of
 * the environment's merge resource and the function configuration the app synthesizes for it.
 * The handler's SDK clients reach the sandbox through the exported AWS_ENDPOINT_URL_* variables
 * and sign as the sandbox's handler role; it writes aws-auth as a deploy would.
 */
import { AssociateAccessPolicyCommand, CreateAccessEntryCommand, EKSClient } from '@aws-sdk/client-eks';
import { AwsAuthFunctionEnv, AwsAuthProps } from '../../lambda/aws-auth/api';
import type { CustomResourceEvent, CustomResourceResponse } from '../../lambda/edge/events';
import { createHandler } from '../../lambda/aws-auth/index';
import { createAwsEdgeWithIam } from '../../lambda/edge/aws-iam';
import type { Logger } from '../../lambda/edge/log';
import { desiredMappings, peopleOwner } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { sandboxPrincipals } from './principals';
import { peopleAccessEntries } from './seed';

/** The endpoint variables `apply` needs, all pointing at a local sandbox. */
export const SANDBOX_ENDPOINT_VARIABLES: readonly string[] = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_IAM'];

/** Name the sandbox gives the handler function (Lambda's AWS_LAMBDA_FUNCTION_NAME; messages name it). */
export function sandboxFunctionName(env: Pick<ResolvedEnvironment, 'name'>): string {
  return `${env.name}-Access-AwsAuthHandler-sandbox`;
}

/**
 * The Create event CloudFormation sends for `<env>/Access`'s merge resource: its properties as
 * the `AwsAuthMappings` construct renders them (the environment's people/node owner, every
 * mapping of config with the role ARNs the roles will have, switches as strings).
 */
export function createEvent(env: ResolvedEnvironment): CustomResourceEvent {
  const { mapRoles, mapUsers, mapAccounts } = desiredMappings(env);
  return {
    RequestType: 'Create',
    LogicalResourceId: 'Mappings',
    RequestId: `sandbox-${env.name}-create`,
    StackId: `arn:${env.partition}:cloudformation:${env.region}:${env.account}:stack/${env.name}-Access/sandbox`,
    ResourceProperties: {
      ServiceToken: `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${sandboxFunctionName(env)}`,
      [AwsAuthProps.clusterName]: env.clusterName,
      [AwsAuthProps.owner]: peopleOwner(env),
      [AwsAuthProps.mapRoles]: mapRoles,
      [AwsAuthProps.mapUsers]: mapUsers,
      [AwsAuthProps.mapAccounts]: mapAccounts,
      [AwsAuthProps.allowClusterAdmin]: String(env.allowClusterAdmin),
      [AwsAuthProps.takeOverUnowned]: 'false',
      [AwsAuthProps.validatePrincipals]: 'true',
    },
  };
}

/** The handler function's own configuration, as `AwsAuthProvider` synthesizes it for that one resource. */
export function functionEnvironment(env: ResolvedEnvironment): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: sandboxFunctionName(env),
    [AwsAuthFunctionEnv.clusterAdminOwners]: env.allowClusterAdmin ? peopleOwner(env) : '',
    [AwsAuthFunctionEnv.takeOverOwners]: '',
  };
}

/** Thrown when the shell is not pointed at a local sandbox. */
export class NotASandboxError extends Error {}

/**
 * Checks that every endpoint variable names a loopback HTTP(S) URL, so the handler cannot
 * reach real AWS; throws a sentence naming the variable, its value and the fix.
 */
export function checkSandboxEndpoints(environment: Readonly<Record<string, string | undefined>>): void {
  for (const name of SANDBOX_ENDPOINT_VARIABLES) {
    const value = environment[name];
    let host: string | undefined;
    try {
      host = value ? new URL(value).hostname : undefined;
    } catch {
      host = undefined;
    }
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
      throw new NotASandboxError(`${name} is ${value === undefined ? 'not set' : JSON.stringify(value)}, not the address of a local sandbox; `
        + `start "npm run sandbox" and run the export lines it prints in this shell first`);
    }
  }
}

/** Runs the handler once for `env` against the sandbox the environment's endpoint variables name. */
export async function applyOnce(env: ResolvedEnvironment, log: Logger, environment: Readonly<Record<string, string | undefined>> = process.env): Promise<CustomResourceResponse> {
  checkSandboxEndpoints(environment);
  const { handler } = sandboxPrincipals(env);
  const credentials = async () => ({ accessKeyId: handler.accessKeyId, secretAccessKey: handler.secretAccessKey, sessionToken: handler.sessionToken });
  const run = createHandler({
    region: env.region,
    aws: (region, provider) => createAwsEdgeWithIam(region, provider ?? credentials),
    environment: () => functionEnvironment(env),
    log,
  });
  return run(createEvent(env));
}

/**
 * What CloudFormation does for the people access entries of `<env>/Access` on accessBackend
 * "both": CreateAccessEntry for each (tagged as the app tags its own), then AssociateAccessPolicy
 * for a `system:masters` mapping, through the real SDK client against the sandbox, signed as the
 * sandbox's operator (the deployer). Returns the principals it created entries for.
 */
export async function createPeopleEntries(env: ResolvedEnvironment, environment: Readonly<Record<string, string | undefined>> = process.env): Promise<string[]> {
  checkSandboxEndpoints(environment);
  const { operator } = sandboxPrincipals(env);
  const client = new EKSClient({ region: env.region, credentials: async () => ({ accessKeyId: operator.accessKeyId, secretAccessKey: operator.secretAccessKey }) });
  const created: string[] = [];
  for (const entry of peopleAccessEntries(env)) {
    await client.send(new CreateAccessEntryCommand({
      clusterName: env.clusterName, principalArn: entry.principalArn, type: 'STANDARD', username: entry.username,
      kubernetesGroups: [...(entry.kubernetesGroups ?? [])], tags: { ...entry.tags },
    }));
    for (const p of entry.policies) {
      await client.send(new AssociateAccessPolicyCommand({ clusterName: env.clusterName, principalArn: entry.principalArn, policyArn: p.policyArn, accessScope: { type: p.accessScope.type } }));
    }
    created.push(entry.principalArn);
  }
  return created;
}
