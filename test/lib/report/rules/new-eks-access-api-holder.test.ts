import { messageText } from '../../../../lib/report/markdown';
import { newEksAccessApiHolder } from '../../../../lib/report/rules/new-eks-access-api-holder';
import { allow, check, env, expectRule, role } from './environment';

const cluster = { label: 'Cluster/Cluster', bootstrapCreatorAdmin: false };
const holder = (actions: string[]) => env({ clusters: [cluster], roles: [role('ops', [], [allow(actions, ['*'])])] });

describe('new-eks-access-api-holder', () => {
  test('id, severity and description (which names the actions)', () => {
    expectRule(newEksAccessApiHolder, 'new-eks-access-api-holder', 'critical');
    expect(newEksAccessApiHolder.description).toContain(' eks:CreateAccessEntry, eks:AssociateAccessPolicy, eks:UpdateClusterConfig ');
  });

  test('compliant: eks:DescribeCluster only; the same grant in base', () => {
    expect(check(newEksAccessApiHolder, env({ clusters: [cluster] }), holder(['eks:DescribeCluster']))).toEqual([]);
    expect(check(newEksAccessApiHolder, holder(['eks:*']), holder(['eks:*']))).toEqual([]);
  });

  test.each([['eks:CreateAccessEntry'], ['eks:AssociateAccessPolicy'], ['eks:UpdateClusterConfig'], ['eks:*'], ['*']])('non-compliant: %s', (action) => {
    expect(check(newEksAccessApiHolder, env({ clusters: [cluster] }), holder([action]))).toEqual([expect.objectContaining({ principal: 'role:ops' })]);
  });

  test('non-compliant: the finding in full, its message the path\'s own words', () => {
    const findings = check(newEksAccessApiHolder, env({ clusters: [cluster] }), holder(['eks:CreateAccessEntry']));
    expect(findings).toEqual([{
      label: 'EKS access API', id: 'role:ops', principal: 'role:ops', grant: 'Cluster/Cluster eks:CreateAccessEntry on *', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('may `eks:CreateAccessEntry` on `*`: can give itself a cluster-admin access entry');
  });
});
