/**
 * The handlers' door to AWS: EKS DescribeCluster and the access-policy calls of the RBAC
 * bootstrap's admin window (Associate/DisassociateAccessPolicy, ListAssociatedAccessPolicies),
 * STS GetCallerIdentity/AssumeRole, and the SDK default credential chain; IAM GetRole/GetUser,
 * which only the aws-auth handler uses, is in aws-iam.ts, so that the manifests handler does not
 * bundle the IAM client. Real SDK v3 clients with the
 * region passed in; endpoints follow the SDK's own configuration (AWS_ENDPOINT_URL_EKS, ...),
 * which is how the tests point them at the local stand-in. Tests may replace the whole edge.
 */
import {
  AssociateAccessPolicyCommand, DescribeClusterCommand, DisassociateAccessPolicyCommand, EKSClient, ResourceNotFoundException,
  paginateListAssociatedAccessPolicies,
} from '@aws-sdk/client-eks';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AccessEntryNotFoundError, ClusterNotFoundError } from './aws-errors';

export { AccessEntryNotFoundError, ClusterNotFoundError } from './aws-errors';

/** AWS credentials (structurally the SDK's AwsCredentialIdentity). Never log them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Something that yields credentials (the SDK calls it when it needs them). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** What the handler needs to know about a cluster. */
export interface ClusterInfo {
  readonly name: string;
  readonly arn: string;
  /** Kubernetes API endpoint (`https://...`). */
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA. */
  readonly caData: string;
  /** `ACTIVE`, `CREATING`, `UPDATING`, ... */
  readonly status: string;
  /** `CONFIG_MAP`, `API_AND_CONFIG_MAP` or `API`; absent on old clusters (CONFIG_MAP). */
  readonly authenticationMode?: string;
}

/** Every outbound AWS call of the handler. */
export interface AwsEdge {
  describeCluster(name: string): Promise<ClusterInfo>;
  callerIdentity(): Promise<{ arn: string; account: string }>;
  assumeRole(roleArn: string, sessionName: string): Promise<AwsCredentials>;
  /** Credentials of the edge itself (given, or the SDK default chain). */
  resolveCredentials(): Promise<AwsCredentials>;
  /**
   * EKS AssociateAccessPolicy of `policyArn` to `principalArn`'s access entry, at cluster scope
   * (`accessScope: {type: 'cluster'}`).
   * @throws ClusterNotFoundError when the cluster is gone; AccessEntryNotFoundError when the
   * principal has no access entry; the SDK's error otherwise.
   */
  associateAccessPolicy(clusterName: string, principalArn: string, policyArn: string): Promise<void>;
  /**
   * EKS DisassociateAccessPolicy. ResourceNotFoundException (no such cluster, access entry or
   * association) counts as done: nothing is associated any more.
   */
  disassociateAccessPolicy(clusterName: string, principalArn: string, policyArn: string): Promise<void>;
  /**
   * The policy ARNs associated to `principalArn`'s access entry (ListAssociatedAccessPolicies,
   * every page, 100 a page).
   * @throws ClusterNotFoundError, AccessEntryNotFoundError as {@link associateAccessPolicy}.
   */
  listAssociatedAccessPolicies(clusterName: string, principalArn: string): Promise<string[]>;
}

/** Builds the edge for `region`, with `credentials` or the SDK default chain. */
export function createAwsEdge(region: string, credentials?: AwsCredentialsProvider): AwsEdge {
  const config = { region, ...(credentials ? { credentials } : {}) };
  let eks: EKSClient | undefined;
  let sts: STSClient | undefined;
  const eksClient = (): EKSClient => (eks ??= new EKSClient(config));
  const stsClient = (): STSClient => (sts ??= new STSClient(config));

  /**
   * EKS answers ResourceNotFoundException for a missing cluster and for a missing access entry
   * alike; DescribeCluster (only on this error path) tells which.
   */
  const whichNotFound = async (e: unknown, clusterName: string, principalArn: string): Promise<unknown> => {
    if (!(e instanceof ResourceNotFoundException)) return e;
    try {
      await edge.describeCluster(clusterName);
    } catch (gone) {
      return gone;
    }
    return new AccessEntryNotFoundError(clusterName, principalArn);
  };

  const edge: AwsEdge = {
    async describeCluster(name) {
      try {
        const { cluster } = await eksClient().send(new DescribeClusterCommand({ name }));
        if (!cluster?.name || !cluster.arn) {
          throw new Error(`EKS DescribeCluster for "${name}" in ${region} returned no cluster`);
        }
        if (!cluster.endpoint || !cluster.certificateAuthority?.data) {
          throw new Error(`EKS cluster "${name}" in ${region} has no endpoint or CA yet (status ${cluster.status ?? 'unknown'}); wait until it is ACTIVE`);
        }
        return {
          name: cluster.name,
          arn: cluster.arn,
          endpoint: cluster.endpoint,
          caData: cluster.certificateAuthority.data,
          status: cluster.status ?? 'UNKNOWN',
          ...(cluster.accessConfig?.authenticationMode ? { authenticationMode: cluster.accessConfig.authenticationMode } : {}),
        };
      } catch (e) {
        if (e instanceof ResourceNotFoundException) {
          throw new ClusterNotFoundError(name, region);
        }
        throw e;
      }
    },

    async callerIdentity() {
      const out = await stsClient().send(new GetCallerIdentityCommand({}));
      if (!out.Arn || !out.Account) {
        throw new Error('STS GetCallerIdentity returned no Arn or Account');
      }
      return { arn: out.Arn, account: out.Account };
    },

    async assumeRole(roleArn, sessionName) {
      const out = await stsClient().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
        throw new Error(`STS AssumeRole of ${roleArn} returned no credentials`);
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    },

    async resolveCredentials() {
      const provider = stsClient().config.credentials;
      const c = await provider();
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
        ...(c.expiration ? { expiration: c.expiration } : {}),
      };
    },

    async associateAccessPolicy(clusterName, principalArn, policyArn) {
      try {
        await eksClient().send(new AssociateAccessPolicyCommand({ clusterName, principalArn, policyArn, accessScope: { type: 'cluster' } }));
      } catch (e) {
        throw await whichNotFound(e, clusterName, principalArn);
      }
    },

    async disassociateAccessPolicy(clusterName, principalArn, policyArn) {
      try {
        await eksClient().send(new DisassociateAccessPolicyCommand({ clusterName, principalArn, policyArn }));
      } catch (e) {
        if (!(e instanceof ResourceNotFoundException)) throw e;
      }
    },

    async listAssociatedAccessPolicies(clusterName, principalArn) {
      const arns: string[] = [];
      try {
        for await (const page of paginateListAssociatedAccessPolicies({ client: eksClient() }, { clusterName, principalArn, maxResults: 100 })) {
          arns.push(...(page.associatedAccessPolicies ?? []).flatMap((p) => (p.policyArn ? [p.policyArn] : [])));
        }
      } catch (e) {
        throw await whichNotFound(e, clusterName, principalArn);
      }
      return arns;
    },
  };
  return edge;
}
