/**
 * The real aws-auth handler, unmodified, wired to the local stand-ins: an HTTPS Kubernetes API
 * and EKS/IAM/STS endpoints reached by the real AWS SDK v3 clients through AWS_ENDPOINT_URL_*.
 * Used by the handler tests, `npm run demo` and `npm run bench -- handler`.
 */
import { AwsAuthFunctionEnv, AwsAuthProps, OWNER_LIST_SEPARATOR } from '../../lambda/aws-auth/api';
import type { RoleMapping, UserMapping } from '../../lambda/aws-auth/api';
import type { CustomResourceEvent } from '../../lambda/edge/events';
import { createHandler } from '../../lambda/aws-auth/index';
import type { HandlerDeps } from '../../lambda/aws-auth/index';
import { KubeClient } from '../../lambda/edge/kube';
import type { Logger } from '../../lambda/edge/log';
import { silentLogger } from '../../lambda/edge/log';
import { sleep } from '../../lambda/edge/retry';
import { awsEndpointEnv, startAwsEndpoints } from './aws-endpoints';
import type { AwsEndpointsHandle, StandInCluster } from './aws-endpoints';
import type { TestIdentity } from './identities';
import { TEST_IDENTITIES } from './identities';
import { startKubeApiServer } from './kube-api-server';
import type { KubeApiServerHandle, KubeRequestRecord } from './kube-api-server';

export const HARNESS_ACCOUNT = '111122223333';

/** The function name the harness's handler runs as (Lambda's AWS_LAMBDA_FUNCTION_NAME). */
export const HARNESS_FUNCTION_NAME = 'Access-AwsAuthProviderHandler-harness';

/** The handler function's own configuration: which owners it allows each safety switch. */
export interface FunctionConfig {
  /** Owners allowed AllowClusterAdmin. */
  readonly clusterAdminOwners?: string[];
  /** Owners allowed TakeOverUnowned. */
  readonly takeOverOwners?: string[];
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** @default 'demo' */
  readonly clusterName?: string;
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** IAM roles that exist (GetRole, AssumeRole). */
  readonly roles?: string[];
  /** IAM users that exist (GetUser). */
  readonly users?: string[];
  /** Authentication mode DescribeCluster reports. @default API_AND_CONFIG_MAP */
  readonly authenticationMode?: string | null;
  /** @default silent */
  readonly log?: Logger;
  /** Longest real pause the handler may take between retries (keeps tests fast). @default 20 */
  readonly maxSleepMs?: number;
  /** Per-attempt timeout of the handler's Kubernetes client (a hung request fails after it). @default 10000 */
  readonly requestTimeoutMs?: number;
  /**
   * The function's configuration, fixed for the run.
   * @default - as synthesized: every owner for which `event()` built an event asking for a
   * switch is listed for it, as the construct lists the owners of the mappings added
   */
  readonly functionConfig?: FunctionConfig;
  /** Handler dependencies to replace (applied last, over the harness's own). @default none */
  readonly deps?: Partial<HandlerDeps>;
}

/** A running harness. */
export interface Harness {
  readonly clusterName: string;
  readonly region: string;
  readonly kube: KubeApiServerHandle;
  readonly aws: AwsEndpointsHandle;
  /** Identities the Kubernetes stand-in accepts (mutable: remove one to provoke a 401). */
  readonly kubeIdentities: TestIdentity[];
  readonly handler: ReturnType<typeof createHandler>;
  /** Every pause the handler asked for, in ms, before the harness capped it at maxSleepMs. */
  readonly sleeps: number[];
  /** aws-auth as stored now (undefined when absent). */
  awsAuth(): { data: Record<string, string>; annotations: Record<string, string>; resourceVersion: string } | undefined;
  /** Requests to aws-auth (and configmap creates) since `since` (an index into kube.requests). */
  awsAuthRequests(since?: number): KubeRequestRecord[];
  /** The handler function's environment now (its configuration and name). */
  environment(): Record<string, string>;
  /** Builds a CloudFormation event for the handler (and, without `functionConfig`, lists its owner for the switches it asks). */
  event(type: CustomResourceEvent['RequestType'], props: MappingProps, extra?: Partial<CustomResourceEvent>): CustomResourceEvent;
  close(): Promise<void>;
}

/** The mapping properties of one owner, as the construct renders them. */
export interface MappingProps {
  readonly owner: string;
  readonly mapRoles?: RoleMapping[];
  readonly mapUsers?: UserMapping[];
  readonly mapAccounts?: string[];
  readonly allowClusterAdmin?: boolean;
  readonly takeOverUnowned?: boolean;
  readonly validatePrincipals?: boolean;
  readonly assumeRoleArn?: string;
  readonly clusterName?: string;
}

const ENV_KEYS = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE'];

/** Starts both stand-ins and a handler whose SDK clients reach them. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clusterName = options.clusterName ?? 'demo';
  const region = options.region ?? 'eu-west-1';
  const kubeIdentities: TestIdentity[] = [TEST_IDENTITIES.handler, TEST_IDENTITIES.deployer];
  const kube = await startKubeApiServer({ clusterName, region, identities: kubeIdentities });
  const cluster: StandInCluster = { name: clusterName, endpoint: kube.url, caData: kube.caData, authenticationMode: options.authenticationMode };
  const awsIdentities: TestIdentity[] = [TEST_IDENTITIES.handler, TEST_IDENTITIES.deployer];
  const aws = await startAwsEndpoints({
    region, identities: awsIdentities, clusters: [cluster], roles: options.roles ?? [], users: options.users ?? [], account: HARNESS_ACCOUNT,
  });
  // Identities the STS stand-in issues through AssumeRole must also be known to Kubernetes.
  const pushed = awsIdentities.push.bind(awsIdentities);
  awsIdentities.push = (...items: TestIdentity[]) => { kubeIdentities.push(...items); return pushed(...items); };

  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, awsEndpointEnv(aws.url, region, TEST_IDENTITIES.handler));

  const maxSleep = options.maxSleepMs ?? 20;
  const sleeps: number[] = [];
  const timeout = options.requestTimeoutMs;
  const fixed = options.functionConfig;
  const synthesized = { clusterAdmin: new Set<string>(), takeOver: new Set<string>() };
  const listed = (explicit: string[] | undefined, seen: Set<string>): string => [...(fixed ? explicit ?? [] : seen)].sort().join(OWNER_LIST_SEPARATOR);
  const environment = (): Record<string, string> => ({
    AWS_LAMBDA_FUNCTION_NAME: HARNESS_FUNCTION_NAME,
    [AwsAuthFunctionEnv.clusterAdminOwners]: listed(fixed?.clusterAdminOwners, synthesized.clusterAdmin),
    [AwsAuthFunctionEnv.takeOverOwners]: listed(fixed?.takeOverOwners, synthesized.takeOver),
  });
  const handler = createHandler({
    environment,
    region,
    log: options.log ?? silentLogger,
    sleep: (ms) => { sleeps.push(ms); return sleep(Math.min(ms, maxSleep)); },
    ...(timeout === undefined ? {} : { kube: (target, kubeOptions) => new KubeClient(target, { ...kubeOptions, requestTimeoutMs: timeout }) }),
    ...options.deps,
  });

  return {
    clusterName, region, kube, aws, kubeIdentities, handler, sleeps,
    awsAuth() {
      const cm = kube.store.get('kube-system', 'aws-auth');
      if (!cm) return undefined;
      return { data: { ...(cm.data ?? {}) }, annotations: { ...(cm.metadata.annotations ?? {}) }, resourceVersion: String(cm.metadata.resourceVersion) };
    },
    awsAuthRequests(since = 0) {
      return kube.requests.slice(since).filter((r) => r.path.includes('/namespaces/kube-system/configmaps'));
    },
    environment,
    event(type, props, extra = {}) {
      if (props.allowClusterAdmin) synthesized.clusterAdmin.add(props.owner);
      if (props.takeOverUnowned) synthesized.takeOver.add(props.owner);
      const resourceProperties: Record<string, unknown> = {
        ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:provider',
        [AwsAuthProps.clusterName]: props.clusterName ?? clusterName,
        [AwsAuthProps.owner]: props.owner,
        [AwsAuthProps.mapRoles]: props.mapRoles ?? [],
        [AwsAuthProps.mapUsers]: props.mapUsers ?? [],
        [AwsAuthProps.mapAccounts]: props.mapAccounts ?? [],
        [AwsAuthProps.allowClusterAdmin]: String(props.allowClusterAdmin ?? false),
        [AwsAuthProps.takeOverUnowned]: String(props.takeOverUnowned ?? false),
        [AwsAuthProps.validatePrincipals]: String(props.validatePrincipals ?? false),
        ...(props.assumeRoleArn ? { [AwsAuthProps.assumeRoleArn]: props.assumeRoleArn } : {}),
      };
      return {
        RequestType: type,
        LogicalResourceId: 'Mappings',
        RequestId: `req-${Math.random().toString(36).slice(2)}`,
        StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/demo/1',
        ResourceProperties: resourceProperties,
        ...(type !== 'Create' ? { PhysicalResourceId: `aws-auth/${props.clusterName ?? clusterName}/${props.owner}` } : {}),
        ...extra,
      };
    },
    async close() {
      await Promise.all([kube.close(), aws.close()]);
      for (const k of ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    },
  };
}
