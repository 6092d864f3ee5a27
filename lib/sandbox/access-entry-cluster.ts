/**
 * A stand-in EKS cluster in access-entry mode for handlers that run in their own process (the
 * bundled handlers of a cloud assembly): the HTTPS Kubernetes stand-in and the AWS stand-in
 * (EKS, STS, IAM) for one cluster, the handlers' Lambda sessions as known identities, the access
 * entries as the templates declare them, and the Kubernetes authorizer composed as EKS composes
 * it (the admin policy at cluster scope allows everything, anything else is RBAC over the objects
 * the stand-in stores, as the entry's username and groups).
 */
import type { AwsEndpointsHandle, StandInAccessEntry } from './aws-endpoints';
import { awsEndpointEnv, startAwsEndpoints } from './aws-endpoints';
import { accessPolicyAuthorizer } from './access-policy-authorizer';
import type { TestIdentity } from './identities';
import { startKubeApiServer } from './kube-api-server';
import type { KubeApiServerHandle } from './kube-api-server';
import type { ObjectStore, TerminationDelay } from './kube-objects';
import { BUILT_IN_KINDS } from './kube-objects';
import type { RbacDecision, RbacObject, RbacRequest } from './rbac-authorizer';
import { RbacEvaluator } from './rbac-authorizer';

const RBAC_KINDS = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].map((kind) => BUILT_IN_KINDS.find((k) => k.kind === kind)!);

/** RBAC evaluated over the Roles, ClusterRoles and bindings `objects` stores at the moment of each decision. */
export class StoredRbacEvaluator extends RbacEvaluator {
  constructor(private readonly store: ObjectStore) {
    super();
  }

  /** Reloads the stored RBAC objects, then decides. */
  authorize(req: RbacRequest): RbacDecision {
    for (const o of this.list()) this.remove(o.kind, o.metadata.name, o.metadata.namespace);
    for (const kind of RBAC_KINDS) this.apply(...(this.store.list(kind, undefined) as unknown as RbacObject[]));
    return super.authorize(req);
  }
}

/**
 * The Lambda session of `roleArn` (`arn:<partition>:iam::<account>:role/<path><name>`): its ARN
 * `arn:<partition>:sts::<account>:assumed-role/<name>/<sessionName>`, and fixed fake keys made
 * from `index` (one identity per role of a test).
 */
export function lambdaSessionOf(roleArn: string, sessionName: string, index: number): TestIdentity {
  const m = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) throw new Error(`role ${JSON.stringify(roleArn)} is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the resolved ARN of the function's role`);
  const n = String(index + 1).padStart(8, '0');
  return {
    accessKeyId: `ASIAASSEMBLY${n}`,
    secretAccessKey: `assembly/secret+KEY/${n.padStart(20, '0')}`,
    sessionToken: `IQoJb3JpZ2luX2VjEASSEMBLY/${n}+session=token`,
    arn: `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/${sessionName}`,
  };
}

/** A function of the cluster's handlers: its role and the session name Lambda gives it. */
export interface ClusterFunction {
  /** The function's role ARN (resolved). */
  readonly roleArn: string;
  /** The session name of its credentials (Lambda uses the function name). */
  readonly functionName: string;
}

/** Options of {@link startAccessEntryCluster}. */
export interface AccessEntryClusterOptions {
  /** The cluster's name (what DescribeCluster and the tokens name). */
  readonly clusterName: string;
  /** Region of the cluster and its endpoints. */
  readonly region: string;
  /** The account of the cluster (and of the functions' roles). */
  readonly account: string;
  /** The functions that call the cluster; each gets its Lambda session's credentials. */
  readonly functions: readonly ClusterFunction[];
  /** The cluster's access entries (the handle's live array changes as the admin window associates). */
  readonly accessEntries: readonly StandInAccessEntry[];
  /** The cluster's `AccessConfig.AuthenticationMode`, as its template declares it. @default API_AND_CONFIG_MAP */
  readonly authenticationMode?: string;
  /** IAM roles that exist (IAM GetRole: handlers that validate principals). @default none */
  readonly roles?: readonly string[];
  /** IAM users that exist (IAM GetUser). @default none */
  readonly users?: readonly string[];
  /** How long a deleted namespace stays Terminating. @default 50 */
  readonly namespaceTerminationDelay?: TerminationDelay;
}

/** A running cluster. */
export interface AccessEntryCluster {
  /** The Kubernetes stand-in (objects, requests). */
  readonly kube: KubeApiServerHandle;
  /** The AWS stand-in (requests; the live access entries). */
  readonly aws: AwsEndpointsHandle;
  /** The Lambda session of a function, by role ARN. */
  identityOf(roleArn: string): TestIdentity;
  /** AWS_ENDPOINT_URL_*, region and the credentials of the function with role `roleArn`. */
  awsEnv(roleArn: string): Record<string, string>;
  /** Stops both stand-ins. */
  close(): Promise<void>;
}

/** Starts both stand-ins for one cluster in access-entry mode. */
export async function startAccessEntryCluster(o: AccessEntryClusterOptions): Promise<AccessEntryCluster> {
  const identities = o.functions.map((f, i) => lambdaSessionOf(f.roleArn, f.functionName, i));
  const byRole = new Map(o.functions.map((f, i) => [f.roleArn, identities[i]]));
  const kube = await startKubeApiServer({
    clusterName: o.clusterName, region: o.region, identities: [...identities],
    ...(o.namespaceTerminationDelay === undefined ? {} : { namespaceTerminationDelay: o.namespaceTerminationDelay }),
  });
  let aws: AwsEndpointsHandle;
  try {
    aws = await startAwsEndpoints({
      region: o.region, account: o.account, identities: [...identities], accessEntries: o.accessEntries, roles: o.roles ?? [], users: o.users ?? [],
      clusters: [{ name: o.clusterName, endpoint: kube.url, caData: kube.caData, authenticationMode: o.authenticationMode ?? 'API_AND_CONFIG_MAP' }],
    });
  } catch (e) {
    await kube.close();
    throw e;
  }
  kube.setAuthorizer(accessPolicyAuthorizer({ clusterName: o.clusterName, accessEntries: aws.accessEntries, rbac: new StoredRbacEvaluator(kube.objects) }));
  const identityOf = (roleArn: string): TestIdentity => {
    const identity = byRole.get(roleArn);
    if (!identity) throw new Error(`no function of the stand-in cluster has role ${roleArn} (roles: ${[...byRole.keys()].join(', ')}); list it in functions`);
    return identity;
  };
  return {
    kube, aws, identityOf,
    awsEnv: (roleArn) => awsEndpointEnv(aws.url, o.region, identityOf(roleArn)),
    close: async () => { await Promise.all([kube.close(), aws.close()]); },
  };
}
