/**
 * The CLI's door to EKS access entries (ListAccessEntries, ListAssociatedAccessPolicies), every
 * page read, with the CLI's own AccessDenied sentences. The handlers' edge (lambda/edge/aws.ts)
 * has only what the manifests function's admin window needs on its own access entry
 * (associate, disassociate, list its policies), not ListAccessEntries. Real SDK v3 client built
 * as the edge builds its own (region, credentials; endpoint from the SDK configuration).
 */
import {
  AccessDeniedException, DescribeAccessEntryCommand, EKSClient, ResourceNotFoundException, paginateListAccessEntries, paginateListAssociatedAccessPolicies,
} from '@aws-sdk/client-eks';
import type { AwsCredentialsProvider } from '../../lambda/edge/aws';

/** IAM actions the reader needs on the cluster to list its entries and their policies. */
export const ACCESS_ENTRY_ACTIONS = ['eks:ListAccessEntries', 'eks:ListAssociatedAccessPolicies'] as const;

/** The IAM action the reader needs on an entry to describe it (plan's people entries). */
export const DESCRIBE_ACCESS_ENTRY_ACTION = 'eks:DescribeAccessEntry';

/** One access entry as DescribeAccessEntry answers it. */
export interface DescribedAccessEntry {
  readonly principalArn: string;
  /** `STANDARD`, `EC2_LINUX`, ... */
  readonly type: string;
  readonly username: string;
  readonly groups: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** One access policy associated with an access entry. */
export interface AssociatedPolicy {
  readonly policyArn: string;
  /** `cluster` or `namespace`. */
  readonly scope: string;
  readonly namespaces: readonly string[];
}

/** Reads a cluster's access entries. */
export interface AccessEntryReader {
  /** Principal ARNs of the cluster's access entries; with `policyArn`, only those associated with it. */
  listAccessEntries(clusterName: string, policyArn?: string): Promise<string[]>;
  /** Policies associated with `principalArn`'s access entry. */
  listAssociatedPolicies(clusterName: string, principalArn: string): Promise<AssociatedPolicy[]>;
  /** `principalArn`'s access entry; undefined when it has none. */
  describeAccessEntry(clusterName: string, principalArn: string): Promise<DescribedAccessEntry | undefined>;
}

/** EKS refused a List call (AccessDeniedException); the message is AWS's own. */
export class AccessEntriesDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessEntriesDeniedError';
  }
}

/** Builds the reader for `region` with `credentials` (the SDK default chain when absent). */
export function createAccessEntryReader(region: string, credentials?: AwsCredentialsProvider): AccessEntryReader {
  const client = new EKSClient({ region, ...(credentials ? { credentials } : {}) });
  const denied = <T>(call: () => Promise<T>): Promise<T> => call().catch((e: unknown) => {
    throw e instanceof AccessDeniedException ? new AccessEntriesDeniedError(e.message) : e;
  });
  return {
    listAccessEntries: (clusterName, policyArn) => denied(async () => {
      const arns: string[] = [];
      const input = { clusterName, maxResults: 100, ...(policyArn ? { associatedPolicyArn: policyArn } : {}) };
      for await (const page of paginateListAccessEntries({ client }, input)) arns.push(...(page.accessEntries ?? []));
      return arns;
    }),
    listAssociatedPolicies: (clusterName, principalArn) => denied(async () => {
      const policies: AssociatedPolicy[] = [];
      for await (const page of paginateListAssociatedAccessPolicies({ client }, { clusterName, principalArn, maxResults: 100 })) {
        for (const p of page.associatedAccessPolicies ?? []) {
          policies.push({ policyArn: p.policyArn ?? '', scope: p.accessScope?.type ?? '', namespaces: p.accessScope?.namespaces ?? [] });
        }
      }
      return policies;
    }),
    describeAccessEntry: (clusterName, principalArn) => denied(async () => {
      try {
        const { accessEntry: e } = await client.send(new DescribeAccessEntryCommand({ clusterName, principalArn }));
        return { principalArn: e?.principalArn ?? principalArn, type: e?.type ?? '', username: e?.username ?? '', groups: e?.kubernetesGroups ?? [], tags: e?.tags ?? {} };
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }
    }),
  };
}
