/**
 * Both stand-ins for the admin-window tests: the AWS stand-in holding the function's access
 * entry (its role, the function group, no policy) and the kube stand-in authorizing with the
 * access-policy authorizer over that entry and over the RBAC objects the cluster stores (so
 * what the window applies is what RBAC then decides with). The function's own edge, token and
 * Kubernetes client, as the handler builds them.
 */
import { createAwsEdge } from '../../../lambda/edge/aws';
import type { AwsEdge } from '../../../lambda/edge/aws';
import { KubeClient } from '../../../lambda/edge/kube';
import type { Logger } from '../../../lambda/edge/log';
import { sleep } from '../../../lambda/edge/retry';
import { buildEksToken } from '../../../lambda/edge/token';
import { manifestsUsername } from '../../../lambda/manifests/api';
import type { AdminWindowOptions } from '../../../lambda/manifests/admin-window';
import { accessPolicyAuthorizer } from '../../support/access-policy-authorizer';
import type { AwsEndpointsHandle, StandInAccessPolicy } from '../../support/aws-endpoints';
import { awsEndpointEnv, startAwsEndpoints } from '../../support/aws-endpoints';
import type { TestIdentity } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import { BUILT_IN_KINDS } from '../../support/kube-objects';
import type { RbacObject, RbacRequest } from '../../support/rbac-authorizer';
import { RbacEvaluator } from '../../support/rbac-authorizer';

export const CLUSTER = 'prod';
export const REGION = 'eu-west-1';
export const ACCOUNT = '111122223333';
/** The manifests function's role: the principal of its access entry. */
export const FN_ROLE = `arn:aws:iam::${ACCOUNT}:role/manifests-fn`;
/** The Kubernetes username of the function's access entry (its provider's). */
export const FN_USERNAME = manifestsUsername('prod-manifests-rbac');
/** The function's Lambda session of that role. */
export const FN_IDENTITY: TestIdentity = {
  accessKeyId: 'ASIAMANIFESTSFN00001',
  secretAccessKey: 'manifests-fn/secret+KEY/000000000000001',
  sessionToken: 'IQoJb3JpZ2luX2VjEMANIFESTSFN/+session=token',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/manifests-fn/lambda-session`,
};

/** RBAC evaluated over the ClusterRoles and ClusterRoleBindings the kube stand-in stores now. */
class StoredRbac extends RbacEvaluator {
  constructor(private readonly kube: () => KubeApiServerHandle) {
    super();
  }

  authorize(req: RbacRequest) {
    for (const o of this.list()) this.remove(o.kind, o.metadata.name, o.metadata.namespace);
    for (const kind of ['ClusterRole', 'ClusterRoleBinding']) {
      const info = BUILT_IN_KINDS.find((k) => k.kind === kind)!;
      this.apply(...(this.kube().objects.list(info, undefined) as unknown as RbacObject[]));
    }
    return super.authorize(req);
  }
}

/** A running pair of stand-ins. */
export interface WindowSetup {
  readonly aws: AwsEndpointsHandle;
  readonly kube: KubeApiServerHandle;
  /** The function's AWS edge (its own credentials). */
  readonly edge: AwsEdge;
  /** The function's Kubernetes client (a fresh EKS token per attempt). */
  readonly client: KubeClient;
  /** SelfSubjectAccessReview "may I do everything?" as the function. */
  isAdmin(): Promise<boolean>;
  /** Every log line of the window. */
  readonly logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
  /** Options of a window with a 2-minute deadline, real clock and sleep. */
  options(overrides?: Partial<AdminWindowOptions>): AdminWindowOptions;
  /** EKS requests as `Operation status [code]`. */
  eksOps(): string[];
  /** Kubernetes requests as `METHOD path status`. */
  kubeOps(): string[];
  close(): Promise<void>;
}

/** Starts the stand-ins; `policies` are already associated; the admin policy takes effect `propagationDelayMs` after association. */
export async function startWindowSetup(o: { propagationDelayMs?: number; policies?: StandInAccessPolicy[] } = {}): Promise<WindowSetup> {
  const identities = [FN_IDENTITY];
  const kube = await startKubeApiServer({ clusterName: CLUSTER, region: REGION, identities });
  const aws = await startAwsEndpoints({
    region: REGION, identities, account: ACCOUNT,
    clusters: [{ name: CLUSTER, endpoint: kube.url, caData: kube.caData }],
    accessEntries: [{ clusterName: CLUSTER, principalArn: FN_ROLE, policies: o.policies ?? [], username: FN_USERNAME }],
  });
  kube.setAuthorizer(accessPolicyAuthorizer({
    clusterName: CLUSTER, accessEntries: aws.accessEntries, rbac: new StoredRbac(() => kube), propagationDelayMs: o.propagationDelayMs ?? 0,
  }));
  const env = awsEndpointEnv(aws.url, REGION, FN_IDENTITY);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const edge = createAwsEdge(REGION, async () => FN_IDENTITY);
  const client = new KubeClient({
    endpoint: kube.url, caData: kube.caData,
    token: () => buildEksToken({ clusterName: CLUSTER, region: REGION, credentials: FN_IDENTITY }),
  }, { userAgent: 'eks-access-manifests' });
  const logs: WindowSetup['logs'] = [];
  const log: Logger = (level, message, fields) => { logs.push({ level, message, ...(fields ? { fields } : {}) }); };
  const isAdmin = async () => (await client.createSelfSubjectAccessReview({ resourceAttributes: { verb: '*', group: '*', resource: '*' } })).allowed;
  return {
    aws, kube, edge, client, isAdmin, logs,
    options: (overrides = {}) => ({
      clusterName: CLUSTER, principalArn: FN_ROLE, eks: edge, isAdmin, deadline: Date.now() + 120_000, now: Date.now, sleep, log, ...overrides,
    }),
    eksOps: () => aws.requests.filter((r) => r.service === 'eks').map((r) => `${r.operation} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`),
    kubeOps: () => kube.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
    async close() {
      client.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await Promise.all([aws.close(), kube.close()]);
    },
  };
}
