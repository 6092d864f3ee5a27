/**
 * The real manifests handler, unmodified, wired to the local stand-ins: the HTTPS Kubernetes API
 * (server-side apply, discovery, RBAC through a pluggable authorizer) and EKS/STS endpoints
 * reached by the real AWS SDK v3 clients through AWS_ENDPOINT_URL_*. Used by the manifests
 * handler tests (and any bench of the manifests path).
 */
import { MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE, ManifestsProps, ManifestsRbacProps } from '../../lambda/manifests/api';
import type { KubernetesObject } from '../k8s/manifest';
import type { CustomResourceEvent } from '../../lambda/edge/events';
import { createHandler } from '../../lambda/manifests/index';
import type { HandlerDeps } from '../../lambda/manifests/index';
import type { Logger } from '../../lambda/edge/log';
import { silentLogger } from '../../lambda/edge/log';
import { sleep } from '../../lambda/edge/retry';
import { awsEndpointEnv, startAwsEndpoints } from './aws-endpoints';
import type { AwsEndpointsHandle, StandInAccessEntry, StandInCluster } from './aws-endpoints';
import type { TestIdentity } from './identities';
import { TEST_IDENTITIES } from './identities';
import { startKubeApiServer } from './kube-api-server';
import type { KubeApiServerHandle, KubeRequestRecord } from './kube-api-server';
import type { TerminationDelay } from './kube-objects';

/** Account of the harness's identities and clusters. */
export const MANIFESTS_HARNESS_ACCOUNT = '111122223333';

/** The identity the manifests handler runs as (its Lambda role's session). */
export const MANIFESTS_HANDLER_IDENTITY: TestIdentity = {
  accessKeyId: 'ASIAMANIFESTS0000001',
  secretAccessKey: 'manifests/secret+KEY/0000000000000000001',
  sessionToken: 'IQoJb3JpZ2luX2VjEMANIFESTS/+session=token',
  arn: `arn:aws:sts::${MANIFESTS_HARNESS_ACCOUNT}:assumed-role/manifests-handler/lambda-session`,
};

/** Options of {@link startManifestsHarness}. */
export interface ManifestsHarnessOptions {
  /** @default 'demo' */
  readonly clusterName?: string;
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** How long a deleted namespace stays Terminating. @default 50 */
  readonly namespaceTerminationDelay?: TerminationDelay;
  /** Access entries of the cluster (EKS access-policy APIs). @default none */
  readonly accessEntries?: readonly StandInAccessEntry[];
  /** IAM roles that exist (AssumeRole). @default none */
  readonly roles?: string[];
  /** @default silent */
  readonly log?: Logger;
  /** Longest real pause the handler may take (keeps tests fast). @default 20 */
  readonly maxSleepMs?: number;
  /** Handler dependencies to replace (applied last). @default none */
  readonly deps?: Partial<HandlerDeps>;
}

/** A running harness. */
export interface ManifestsHarness {
  /** The stand-in cluster's name. */
  readonly clusterName: string;
  /** Region of the handler and the stand-ins. */
  readonly region: string;
  /** The Kubernetes stand-in (objects, requests, faults, authorizer). */
  readonly kube: KubeApiServerHandle;
  /** The AWS stand-in (EKS, STS, IAM; access entries). */
  readonly aws: AwsEndpointsHandle;
  /** Identities the Kubernetes stand-in accepts (mutable). */
  readonly kubeIdentities: TestIdentity[];
  /** The real handler, wired to the stand-ins. */
  readonly handler: ReturnType<typeof createHandler>;
  /** Every pause the handler asked for, in ms, before the harness capped it. */
  readonly sleeps: number[];
  /** Requests to the Kubernetes stand-in since `since` (an index into kube.requests), as `METHOD path status`. */
  requestLog(since?: number): string[];
  /** Requests to the Kubernetes stand-in since `since`. */
  requestsSince(since?: number): KubeRequestRecord[];
  /** Builds a CloudFormation event of the manifests resource. */
  event(type: CustomResourceEvent['RequestType'], props: ManifestsEventProps, extra?: Partial<CustomResourceEvent>): CustomResourceEvent;
  /** Builds a CloudFormation event of the RBAC bootstrap resource. */
  rbacEvent(type: CustomResourceEvent['RequestType'], props: RbacEventProps, extra?: Partial<CustomResourceEvent>): CustomResourceEvent;
  /** Stops both stand-ins and restores the environment. */
  close(): Promise<void>;
}

/** The properties of one manifests resource, as the construct renders them. */
export interface ManifestsEventProps {
  /** The resource's owner id. */
  readonly owner: string;
  /** Owned objects. @default none */
  readonly objects?: readonly KubernetesObject[];
  /** Patches of objects owned by others. @default - no Patches property */
  readonly patches?: readonly KubernetesObject[];
  /** @default the harness's cluster */
  readonly clusterName?: string;
  /** @default - no AssumeRoleArn property */
  readonly assumeRoleArn?: string;
}

/** The properties of the RBAC bootstrap, as the construct renders them. */
export interface RbacEventProps {
  /** The bootstrap's owner id. */
  readonly owner: string;
  /** The generated ClusterRole and ClusterRoleBinding. */
  readonly objects: readonly KubernetesObject[];
  /** @default the role of {@link MANIFESTS_HANDLER_IDENTITY} */
  readonly principalArn?: string;
  /** @default the harness's cluster */
  readonly clusterName?: string;
}

/** The IAM role of {@link MANIFESTS_HANDLER_IDENTITY}: the principal of the function's access entry. */
export const MANIFESTS_HANDLER_ROLE = `arn:aws:iam::${MANIFESTS_HARNESS_ACCOUNT}:role/manifests-handler`;

/** The properties of the RBAC bootstrap for `props`, as CloudFormation passes them. */
export function rbacProperties(props: RbacEventProps, clusterName: string): Record<string, unknown> {
  return {
    ServiceToken: `arn:aws:lambda:eu-west-1:${MANIFESTS_HARNESS_ACCOUNT}:function:provider`,
    [ManifestsRbacProps.clusterName]: props.clusterName ?? clusterName,
    [ManifestsRbacProps.owner]: props.owner,
    [ManifestsRbacProps.objects]: JSON.stringify(props.objects),
    [ManifestsRbacProps.principalArn]: props.principalArn ?? MANIFESTS_HANDLER_ROLE,
  };
}

const ENV_KEYS = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE'];

/** The properties of a manifests resource for `props`, as CloudFormation passes them. */
export function manifestsProperties(props: ManifestsEventProps, clusterName: string): Record<string, unknown> {
  return {
    ServiceToken: `arn:aws:lambda:eu-west-1:${MANIFESTS_HARNESS_ACCOUNT}:function:provider`,
    [ManifestsProps.clusterName]: props.clusterName ?? clusterName,
    [ManifestsProps.owner]: props.owner,
    [ManifestsProps.objects]: JSON.stringify(props.objects ?? []),
    ...(props.patches ? { [ManifestsProps.patches]: JSON.stringify(props.patches) } : {}),
    ...(props.assumeRoleArn ? { [ManifestsProps.assumeRoleArn]: props.assumeRoleArn } : {}),
  };
}

/** Starts both stand-ins and a manifests handler whose SDK clients reach them. */
export async function startManifestsHarness(options: ManifestsHarnessOptions = {}): Promise<ManifestsHarness> {
  const clusterName = options.clusterName ?? 'demo';
  const region = options.region ?? 'eu-west-1';
  const kubeIdentities: TestIdentity[] = [MANIFESTS_HANDLER_IDENTITY, TEST_IDENTITIES.deployer];
  const kube = await startKubeApiServer({
    clusterName, region, identities: kubeIdentities,
    ...(options.namespaceTerminationDelay !== undefined ? { namespaceTerminationDelay: options.namespaceTerminationDelay } : {}),
  });
  const cluster: StandInCluster = { name: clusterName, endpoint: kube.url, caData: kube.caData };
  const awsIdentities: TestIdentity[] = [MANIFESTS_HANDLER_IDENTITY, TEST_IDENTITIES.deployer];
  let aws: AwsEndpointsHandle;
  try {
    aws = await startAwsEndpoints({
      region, identities: awsIdentities, clusters: [cluster], roles: options.roles ?? [], account: MANIFESTS_HARNESS_ACCOUNT,
      ...(options.accessEntries ? { accessEntries: options.accessEntries } : {}),
    });
  } catch (e) {
    await kube.close();
    throw e;
  }
  // Identities the STS stand-in issues through AssumeRole must also be known to Kubernetes.
  const pushed = awsIdentities.push.bind(awsIdentities);
  awsIdentities.push = (...items: TestIdentity[]) => { kubeIdentities.push(...items); return pushed(...items); };

  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, awsEndpointEnv(aws.url, region, MANIFESTS_HANDLER_IDENTITY));

  const maxSleep = options.maxSleepMs ?? 20;
  const sleeps: number[] = [];
  const handler = createHandler({
    region,
    log: options.log ?? silentLogger,
    sleep: (ms) => { sleeps.push(ms); return sleep(Math.min(ms, maxSleep)); },
    ...options.deps,
  });
  const requestsSince = (since = 0): KubeRequestRecord[] => kube.requests.slice(since);

  return {
    clusterName, region, kube, aws, kubeIdentities, handler, sleeps, requestsSince,
    requestLog(since = 0) {
      return requestsSince(since).map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);
    },
    event(type, props, extra = {}) {
      return {
        RequestType: type,
        ResourceType: MANIFESTS_RESOURCE_TYPE,
        LogicalResourceId: 'Manifests',
        RequestId: `req-${Math.random().toString(36).slice(2)}`,
        StackId: `arn:aws:cloudformation:eu-west-1:${MANIFESTS_HARNESS_ACCOUNT}:stack/demo/1`,
        ResourceProperties: manifestsProperties(props, clusterName),
        ...(type !== 'Create' ? { PhysicalResourceId: `manifests/${props.clusterName ?? clusterName}/${props.owner}` } : {}),
        ...extra,
      };
    },
    rbacEvent(type, props, extra = {}) {
      return {
        RequestType: type,
        ResourceType: MANIFESTS_RBAC_RESOURCE_TYPE,
        LogicalResourceId: 'ManifestsRbac',
        RequestId: `req-${Math.random().toString(36).slice(2)}`,
        StackId: `arn:aws:cloudformation:eu-west-1:${MANIFESTS_HARNESS_ACCOUNT}:stack/demo/1`,
        ResourceProperties: rbacProperties(props, clusterName),
        ...(type !== 'Create' ? { PhysicalResourceId: `manifests-rbac/${props.clusterName ?? clusterName}/${props.owner}` } : {}),
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
