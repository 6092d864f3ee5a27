/**
 * One mapping (username and groups) as an EKS access entry of type STANDARD, for the principal's
 * full ARN (a role's path included: access entries match the principal, unlike aws-auth). The
 * shape is lib/k8s/access-entry.ts: `system:masters` becomes AmazonEKSClusterAdminPolicy at
 * cluster scope. The L1 resource, since CDK's AccessEntry construct takes no username or groups
 * (aws/aws-cdk#37648).
 */
import { Stack } from 'aws-cdk-lib';
import { CfnAccessEntry } from 'aws-cdk-lib/aws-eks';
import type * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ACCESS_ENTRY_OWNER_TAG, accessEntryShape } from '../k8s/access-entry';

export { ACCESS_ENTRY_OWNER_TAG };

/** Props of {@link AccessEntryMapping}. */
export interface AccessEntryMappingProps {
  /** The cluster the entry grants access to. */
  readonly cluster: eksv2.ICluster;
  /** The principal: an IAM role (its ARN as given, path included) or an IAM user. */
  readonly principal: iam.IRole | iam.IUser;
  /** The Kubernetes username (a `{{SessionName}}` template after a colon is allowed). */
  readonly username: string;
  /** The Kubernetes groups; `system:masters` becomes the cluster-admin access policy. */
  readonly groups: readonly string[];
  /** The owner of the mappings, the value of {@link ACCESS_ENTRY_OWNER_TAG}. */
  readonly owner: string;
}

/** The ARN of a role or user principal. */
function principalArnOf(principal: iam.IRole | iam.IUser): string {
  return 'roleArn' in principal ? principal.roleArn : principal.userArn;
}

/** An access entry for one principal, as its aws-auth mapping declares it. */
export class AccessEntryMapping extends Construct {
  /** The access entry. */
  readonly entry: CfnAccessEntry;

  constructor(scope: Construct, id: string, props: AccessEntryMappingProps) {
    super(scope, id);
    const shape = accessEntryShape(props, Stack.of(this).partition);
    this.entry = new CfnAccessEntry(this, 'Resource', {
      clusterName: props.cluster.clusterName,
      principalArn: principalArnOf(props.principal),
      type: 'STANDARD',
      username: shape.username,
      ...(shape.kubernetesGroups.length ? { kubernetesGroups: shape.kubernetesGroups } : {}),
      ...(shape.accessPolicies.length ? { accessPolicies: shape.accessPolicies.map((a) => ({ policyArn: a.policyArn, accessScope: { type: a.accessScope.type } })) } : {}),
      tags: [{ key: ACCESS_ENTRY_OWNER_TAG, value: props.owner }],
    });
  }
}
