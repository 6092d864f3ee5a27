/**
 * EKS access entries (`AWS::EKS::AccessEntry`): principal, Kubernetes groups and access policies.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-eks-accessentry.html
 */
import { renderString, resolveValue, resourceName } from '../intrinsics';
import type { AccessEntry, AccessPolicyAssociation } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';
import { asList, asRecord, toStringList } from './values';

/** `AmazonEKSClusterAdminPolicy` from `arn:${AWS::Partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`. */
export function accessPolicyName(arn: string): string {
  const match = /:cluster-access-policy\/(.+)$/.exec(arn);
  return match ? match[1] : arn;
}

function policiesOf(value: unknown): AccessPolicyAssociation[] {
  return asList(value).map((raw) => {
    const association = asRecord(raw);
    const scope = asRecord(association.AccessScope);
    const namespaces = toStringList(scope.Namespaces);
    return {
      policy: accessPolicyName(String(association.PolicyArn ?? '')),
      scope: String(scope.Type ?? 'cluster') === 'namespace' ? `namespaces ${namespaces.join(', ')}` : 'cluster',
    };
  });
}

/** Extracts the access entries of one stack. */
export function extractAccessEntries(context: TemplateContext): AccessEntry[] {
  return resourcesOf(context.template)
    .filter(([, resource]) => resource.Type === 'AWS::EKS::AccessEntry')
    .map(([logicalId, resource]) => {
      const props = asRecord(resolveValue(context, resource.Properties ?? {}));
      const username = props.Username === undefined ? undefined : renderString(context, props.Username);
      return {
        principal: renderString(context, props.PrincipalArn),
        cluster: renderString(context, props.ClusterName),
        type: props.Type === undefined ? 'STANDARD' : renderString(context, props.Type),
        ...(username === undefined ? {} : { username }),
        groups: toStringList(props.KubernetesGroups),
        policies: policiesOf(props.AccessPolicies),
        arnReference: `${resourceName(context, logicalId)}.AccessEntryArn`,
      };
    });
}
