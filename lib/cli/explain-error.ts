/**
 * Turns what went wrong while `plan` or `verify` reached one environment into sentences: the
 * AWS SDK's credential and authorization errors (no credentials, expired, unrecognized,
 * denied, no region), Kubernetes 401/403 and a missing cluster. Credential problems also get
 * {@link credentialsHelp}: profiles, SSO, keys, `--assume-role`, and what the command needs
 * (lib/cli/permissions.ts). Pure: no I/O.
 */
import { ClusterNotFoundError } from '../../lambda/edge/aws-errors';
import { KubeApiError } from '../../lambda/edge/kube-errors';
import { verifierRoleArn } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { ASSUME_ROLE_ACTION, describeKubernetesPermission, permissionsSentence, COMMAND_PERMISSIONS } from './permissions';
import type { Command } from './permissions';

/** What kind of failure it was. */
export type CliErrorKind =
  /** The SDK's default chain found no credentials (or an SSO session is missing or expired). */
  | 'no-credentials'
  /** AWS refused the session as expired. */
  | 'expired'
  /** AWS does not know the key, or the signature does not match its secret. */
  | 'unrecognized'
  /** AWS refused the call: the identity lacks a permission. */
  | 'denied'
  /** No region reached the SDK. */
  | 'no-region'
  /** Kubernetes did not accept the EKS token (401): the identity is not mapped. */
  | 'kube-unauthenticated'
  /** Kubernetes accepted the identity but RBAC refused a request (403). */
  | 'kube-forbidden'
  /** DescribeCluster found no such cluster. */
  | 'cluster-not-found'
  /** Anything else: its own message. */
  | 'other';

/** What is known when the error is explained. */
export interface ExplainContext {
  readonly command: Command;
  readonly env: ResolvedEnvironment;
  /** `--assume-role`. @default - none */
  readonly assumeRole?: string;
  /** `--profile`. @default - none */
  readonly profile?: string;
  /** Who the CLI was toward Kubernetes (GetCallerIdentity), when it could be found. @default - unknown */
  readonly identity?: string;
}

/** An explained error. */
export interface ExplainedError {
  readonly kind: CliErrorKind;
  /** One or more sentences: what failed, the value, the fix. */
  readonly message: string;
}

/** Kinds after which the user needs {@link credentialsHelp}. */
export const CREDENTIAL_KINDS: readonly CliErrorKind[] = ['no-credentials', 'expired', 'unrecognized', 'denied', 'no-region'];

const EXPIRED = /^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired|RequestExpired)$/;
const UNRECOGNIZED = /^(UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature(Exception)?|MissingAuthenticationToken(Exception)?|AuthFailure)$/;
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/;
const NO_CREDENTIALS = /^(CredentialsProviderError|TokenProviderError)$/;

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : '';
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whether the environment has a verifier role (config or the pipeline names roles that may assume it). */
function hasVerifierRole(env: ResolvedEnvironment): boolean {
  return env.verifierTrustedRoleArns.length > 0;
}

/** `run with --assume-role <verifier> (...), or ` when the environment has a verifier role, else nothing. */
function useVerifier(env: ResolvedEnvironment): string {
  return hasVerifierRole(env) ? `run with --assume-role ${verifierRoleArn(env)} (the environment's verifier role; its group holds exactly what plan's Kubernetes reads and verify need), or ` : '';
}

/** The sentences for `error` in `ctx`. */
export function explainCliError(error: unknown, ctx: ExplainContext): ExplainedError {
  const { env } = ctx;
  const name = errorName(error);
  const message = errorMessage(error).replace(/\.$/, '');
  const account = `account ${env.account}`;
  if (error instanceof ClusterNotFoundError) {
    return {
      kind: 'cluster-not-found',
      message: `EKS cluster "${error.clusterName}" was not found in region ${error.region}; check clusterName and region of environment "${env.name}" `
        + `in the config, and that your AWS credentials are for account ${env.account}`,
    };
  }
  if (NO_CREDENTIALS.test(name)) {
    const profile = ctx.profile === undefined ? ''
      : ` with profile "${ctx.profile}": check that ~/.aws/config has [profile ${ctx.profile}] (or ~/.aws/credentials [${ctx.profile}]) and, for SSO, run aws sso login --profile ${ctx.profile};`;
    return { kind: 'no-credentials', message: `no usable AWS credentials for ${account} were found (${message});${profile} see below how to give them` };
  }
  if (EXPIRED.test(name)) {
    return { kind: 'expired', message: `AWS refused the credentials as expired (${name}: ${message}); sign in again (for SSO: aws sso login) or refresh the keys, then run the command again` };
  }
  if (UNRECOGNIZED.test(name)) {
    return { kind: 'unrecognized', message: `AWS does not recognize the credentials (${name}: ${message}); the access key is unknown, revoked or from another partition, or the secret key does not match it` };
  }
  if (DENIED.test(name)) {
    const assuming = ctx.assumeRole !== undefined && message.includes(ASSUME_ROLE_ACTION);
    return {
      kind: 'denied',
      message: assuming
        ? `AWS refused to let your credentials assume ${ctx.assumeRole} (${message}); the role's trust policy must name your identity, and your identity needs ${ASSUME_ROLE_ACTION} on the role`
        : `AWS refused the call (${name}: ${message}); ${permissionsSentence(ctx.command, { clusterNames: [env.clusterName], assumeRole: ctx.assumeRole })}`,
    };
  }
  if (/Region is missing/i.test(message)) {
    return { kind: 'no-region', message: `the AWS SDK got no region (${message}); set region of environment "${env.name}" in the config` };
  }
  if (error instanceof KubeApiError && error.status === 401) {
    const who = ctx.identity ?? 'your AWS identity';
    return {
      kind: 'kube-unauthenticated',
      message: `Kubernetes did not accept ${who} on cluster ${env.clusterName} (401 Unauthorized): no aws-auth entry or access entry maps it; `
        + `${useVerifier(env)}map your role or user in config (people, existingRoles or users) and deploy the environment`,
    };
  }
  if (error instanceof KubeApiError && error.status === 403) {
    const who = ctx.identity ?? 'your AWS identity';
    const needs = COMMAND_PERMISSIONS[ctx.command].kubernetes.map(describeKubernetesPermission).join('; ');
    return {
      kind: 'kube-forbidden',
      message: `Kubernetes signed ${who} in but refused a request on cluster ${env.clusterName} (${error.message}); `
        + `${ctx.command} needs Kubernetes ${needs}; ${useVerifier(env)}bind your group to them`,
    };
  }
  return { kind: 'other', message };
}

/** How the command was called, for examples (`npm run eks-access -- plan --env dev`). */
export interface Invocation {
  readonly command: Command;
  /** The arguments after the command. */
  readonly args: readonly string[];
}

/**
 * The ways to give the CLI credentials, for the environment(s) that failed, ending with the
 * permissions sentence of the command.
 */
export function credentialsHelp(invocation: Invocation, envs: readonly ResolvedEnvironment[], assumeRole?: string): string[] {
  const args = invocation.args.filter((a, i) => a !== '--profile' && invocation.args[i - 1] !== '--profile');
  const example = `npm run eks-access -- ${[invocation.command, ...args].join(' ')}`;
  const accounts = [...new Set(envs.map((e) => e.account))];
  const clusterNames = [...new Set(envs.map((e) => e.clusterName))];
  const withVerifier = envs.find(hasVerifierRole);
  const verifier = withVerifier ? `, for example ${verifierRoleArn(withVerifier)}, the verifier role of environment "${withVerifier.name}"` : '';
  return [
    `AWS credentials: eks-access uses the AWS SDK's default chain and needs credentials for ${accounts.length === 1 ? 'account' : 'accounts'} ${accounts.join(', ')}. Give them one of these ways:`,
    `  - a profile: ${example} --profile NAME, or AWS_PROFILE=NAME (profiles are read from ~/.aws/config and ~/.aws/credentials)`,
    `  - IAM Identity Center (SSO): aws sso login --profile NAME, then --profile NAME as above (an expired SSO session needs the same login)`,
    '  - keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for temporary keys',
    `  - a role: --assume-role ROLE_ARN makes the EKS and Kubernetes calls as that role${verifier}; your own credentials still sign the ${ASSUME_ROLE_ACTION} call`,
    permissionsSentence(invocation.command, { clusterNames, assumeRole }),
  ];
}
