import { newEksAccessApiHolder } from '../../../../lib/report/rules/new-eks-access-api-holder';
import { allow, check, env, role } from './environment';

const cluster = { label: 'Cluster/Cluster', bootstrapCreatorAdmin: false };
const holder = (actions: string[]) => env({ clusters: [cluster], roles: [role('ops', [], [allow(actions, ['*'])])] });

describe('new-eks-access-api-holder', () => {
  test('compliant: eks:DescribeCluster only; the same grant in base', () => {
    expect(check(newEksAccessApiHolder, env({ clusters: [cluster] }), holder(['eks:DescribeCluster']))).toEqual([]);
    expect(check(newEksAccessApiHolder, holder(['eks:*']), holder(['eks:*']))).toEqual([]);
  });

  test.each([['eks:CreateAccessEntry'], ['eks:AssociateAccessPolicy'], ['eks:UpdateClusterConfig'], ['eks:*'], ['*']])('non-compliant: %s', (action) => {
    expect(check(newEksAccessApiHolder, env({ clusters: [cluster] }), holder([action]))).toEqual([expect.objectContaining({ principal: 'role:ops' })]);
  });
});
