/**
 * EKS clusters (`AWS::EKS::Cluster`) and whether their creator is made cluster admin:
 * `AccessConfig.BootstrapClusterCreatorAdminPermissions`, `true` when absent (CloudFormation's
 * default), create-only. The creator is the principal CloudFormation acts as: the stack's
 * execution role (cdk bootstrap `cdk-hnb659fds-cfn-exec-role-ACCOUNT-REGION`).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-accessconfig.html
 */
import { renderString, resourceLabel } from '../intrinsics';
import type { EksCluster, StackDeployment } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';
import { clusterArnShape } from './arn-shape';
import { asRecord } from './values';

/** Extracts the clusters of one stack, deployed as `deployment` says. */
export function extractClusters(context: TemplateContext, deployment: StackDeployment): EksCluster[] {
  return resourcesOf(context.template)
    .filter(([, resource]) => resource.Type === 'AWS::EKS::Cluster')
    .map(([logicalId, resource]) => {
      const flag = asRecord(resource.Properties?.AccessConfig).BootstrapClusterCreatorAdminPermissions;
      const arn = clusterArnShape(context, resource.Properties ?? {});
      return {
        label: resourceLabel(context, logicalId),
        bootstrapCreatorAdmin: flag === undefined || renderString(context, flag) !== 'false',
        ...(deployment.executionRole ? { creator: deployment.executionRole } : {}),
        ...(arn ? { arn } : {}),
      };
    });
}
