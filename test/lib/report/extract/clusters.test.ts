import { extractClusters } from '../../../../lib/report/extract/clusters';
import { contextOf } from './context';

const EXEC = 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1';
const cluster = (accessConfig?: Record<string, unknown>) => contextOf({
  Resources: { C: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'eks-access-dev', ...(accessConfig ? { AccessConfig: accessConfig } : {}) }, Metadata: { 'aws:cdk:path': 'dev/Cluster/Cluster/Resource' } } },
});

describe('extractClusters', () => {
  test.each([
    ['absent (CloudFormation default: true)', undefined, true],
    ['AccessConfig without the flag', { AuthenticationMode: 'API_AND_CONFIG_MAP' }, true],
    ['true', { BootstrapClusterCreatorAdminPermissions: true }, true],
    ['false', { BootstrapClusterCreatorAdminPermissions: false }, false],
    ['"false"', { BootstrapClusterCreatorAdminPermissions: 'false' }, false],
  ])('BootstrapClusterCreatorAdminPermissions %s', (_, accessConfig, expected) => {
    expect(extractClusters(cluster(accessConfig), { stack: 'dev-Cluster', executionRole: EXEC })).toEqual([{
      label: 'Cluster/Cluster', bootstrapCreatorAdmin: expected, creator: EXEC,
      arn: { prefix: 'arn:aws:eks:eu-west-1:111111111111:cluster/', name: 'eks-access-dev', stackName: 'dev-Access' },
    }]);
  });

  test('no execution role in the manifest: no creator named', () => {
    expect(extractClusters(cluster(), { stack: 'dev-Cluster' })[0].creator).toBeUndefined();
  });
});
