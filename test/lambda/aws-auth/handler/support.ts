/**
 * Shared helpers of the handler scenario tests: one harness per test (closed after it), the
 * stored aws-auth read back as a YAML 1.1 reader (the authenticator) reads it, and the request
 * log of aws-auth as `METHOD status` lines.
 */
import { parse } from 'yaml';
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import type { RoleMapping, UserMapping } from '../../../../lambda/aws-auth/api';
import { startHarness } from '../../../support/handler-harness';
import type { Harness, HarnessOptions, MappingProps } from '../../../support/handler-harness';

export const ACCT = '111122223333';
export const AWS_AUTH_PATH = '/api/v1/namespaces/kube-system/configmaps/aws-auth';
export const CONFIGMAPS_PATH = '/api/v1/namespaces/kube-system/configmaps';
/** The identity the handler runs as (the harness's Lambda role session). */
export const HANDLER_ARN = `arn:aws:sts::${ACCT}:assumed-role/aws-auth-handler/lambda-session`;

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCT}:role/${name}`;
}

export function userArn(name: string): string {
  return `arn:aws:iam::${ACCT}:user/${name}`;
}

export function role(name: string, groups: string[] = [name], username = name): RoleMapping {
  return { rolearn: roleArn(name), username, groups };
}

export function user(name: string, groups: string[] = [name], username = name): UserMapping {
  return { userarn: userArn(name), username, groups };
}

/** The node-role entry EKS adds for a managed node group. */
export const NODE_ROLE_ENTRY = {
  rolearn: roleArn('eks-node-role'),
  username: 'system:node:{{EC2PrivateDNSName}}',
  groups: ['system:bootstrappers', 'system:nodes'],
};

/**
 * Starts a fresh harness for each test that calls the returned function and closes it after
 * the test, whatever the outcome.
 */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (options = {}) => {
    const h = await startHarness(options);
    open.push(h);
    return h;
  };
}

/** A YAML string of aws-auth as the authenticator reads it (YAML 1.1); absent is []. */
export function yaml11(text: string | undefined): unknown {
  return text === undefined ? [] : parse(text, { version: '1.1' });
}

/** The three mapping lists as stored now. */
export function stored(h: Harness): { mapRoles: unknown; mapUsers: unknown; mapAccounts: unknown } {
  const cm = h.awsAuth();
  if (!cm) throw new Error('aws-auth is absent');
  return { mapRoles: yaml11(cm.data.mapRoles), mapUsers: yaml11(cm.data.mapUsers), mapAccounts: yaml11(cm.data.mapAccounts) };
}

/** The owners record as stored now: owner id -> declared entries. */
export function ownersRecord(h: Harness): { owners: Record<string, unknown>; adopted?: Record<string, unknown> } {
  const value = h.awsAuth()?.annotations[OWNERS_ANNOTATION];
  if (value === undefined) throw new Error(`aws-auth has no ${OWNERS_ANNOTATION} annotation`);
  return JSON.parse(value) as { owners: Record<string, unknown>; adopted?: Record<string, unknown> };
}

/** aws-auth requests (and configmap creates) since `since`, as `METHOD status` (faults named). */
export function log(h: Harness, since = 0): string[] {
  return h.awsAuthRequests(since).map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);
}

/** Writes (anything but GET) to aws-auth since `since`. */
export function writes(h: Harness, since = 0): number {
  return h.awsAuthRequests(since).filter((r) => r.method !== 'GET').length;
}

/** Runs the handler and returns the failure message (fails the test if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<string> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof Error)) throw new Error(`expected the handler to fail, it returned ${JSON.stringify(outcome)}`);
  return outcome.message;
}

/** Seeds aws-auth with `data` (and optional metadata) and returns the stored resourceVersion. */
export function seedAwsAuth(h: Harness, data: Record<string, string>, metadata: Record<string, unknown> = {}): string {
  return h.kube.seed({ metadata: { name: 'aws-auth', namespace: 'kube-system', ...metadata }, data }).metadata.resourceVersion;
}

/** Runs one custom-resource event for `props` through the real handler. */
export function run(h: Harness, type: 'Create' | 'Update' | 'Delete', props: MappingProps): ReturnType<Harness['handler']> {
  return h.handler(h.event(type, props));
}
