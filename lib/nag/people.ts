/**
 * cdk-nag acknowledgements of people access: a people role with console access (PeopleRole
 * `consoleAccess`) and the verifier's reads of the access entries, each with its reason.
 */
import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledge } from './cluster';

/**
 * The resource of an IAM5 finding as cdk-nag spells it: the resolved ARN, its literal parts as
 * they are and any other part (a cross-stack reference) as its JSON.
 */
export function nagResourceOf(stack: Stack, arn: string): string {
  const resolved = stack.resolve(arn) as unknown;
  if (typeof resolved === 'string') return `Resource::${resolved}`;
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return `Resource::${JSON.stringify(resolved)}`;
  return `Resource::${join[1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(join[0])}`;
}

/** Acknowledges the two wildcards of the console view statements of `role`. */
export function acknowledgeConsoleViewFindings(role: iam.IRole, nodegroupArn: string): void {
  const stack = Stack.of(role);
  acknowledge(role, ['AwsSolutions-IAM5[Resource::*]'],
    'consoleAccess: eks:ListClusters has no resource-level permission (IAM grants it only on *); it lists the names of the account\'s clusters in the region and nothing else. The role\'s other EKS actions name this cluster.');
  acknowledge(role, [`AwsSolutions-IAM5[${nagResourceOf(stack, nodegroupArn)}]`],
    'consoleAccess: eks:DescribeNodegroup and eks:ListUpdates on this cluster\'s node groups only; the wildcards are the node group\'s name and id, which EKS assigns.');
}

/** Acknowledges the wildcard of the verifier role's reads of the cluster's access entries. */
export function acknowledgeAccessEntryReads(role: iam.IRole, entriesArn: string): void {
  acknowledge(role, [`AwsSolutions-IAM5[${nagResourceOf(Stack.of(role), entriesArn)}]`],
    'accessBackend both: eks-access verify reads (DescribeAccessEntry, ListAssociatedAccessPolicies) the access entries of this one cluster; the wildcard is the entry\'s principal type, account, name and id, and reading any of them grants nothing.');
}
