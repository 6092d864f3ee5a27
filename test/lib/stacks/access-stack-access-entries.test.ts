/**
 * accessBackend "both" in the Access stack: one EKS access entry per people role, existing role
 * (but node roles) and user, beside their unchanged aws-auth mappings; "aws-auth" renders none.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { accessEntryId } from '../../../lib/stacks/access-stack';
import { ACCOUNT, FULL, fullEnvConfig, onlyResource, resourcesOfType, synthApp } from '../../util';
import type { CfnResource, SynthesizedEnvironment } from '../../util';

let both: SynthesizedEnvironment;
let awsAuth: SynthesizedEnvironment;

beforeAll(() => {
  const verifierTrustedRoleArns = [`arn:aws:iam::${ACCOUNT}:role/verify-step`];
  const { envs } = synthApp([
    fullEnvConfig({ name: 'both', clusterName: 'both-cluster', accessBackend: 'both', verifierTrustedRoleArns }),
    fullEnvConfig({ name: 'awsauth', clusterName: 'awsauth-cluster', verifierTrustedRoleArns }),
  ]);
  both = envs.get('both') as SynthesizedEnvironment;
  awsAuth = envs.get('awsauth') as SynthesizedEnvironment;
});

const ADMIN_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/** The access entries of the Access stack that are not a function's (those carry no people username). */
function peopleEntries(env: SynthesizedEnvironment): [string, CfnResource][] {
  return resourcesOfType(env.access, 'AWS::EKS::AccessEntry').filter(([id]) => id.startsWith('AccessEntry'));
}

/** The people role's logical id in the Access stack. */
function roleId(env: SynthesizedEnvironment, roleName: string): string {
  return onlyResource(env.access, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === roleName)[0];
}

test('aws-auth: no access entry for people', () => {
  expect(peopleEntries(awsAuth)).toEqual([]);
});

test('both: one STANDARD entry per people role, existing role and user: 4 + 1 + 1, none for the node role', () => {
  expect(peopleEntries(both)).toHaveLength(6);
  for (const [, entry] of peopleEntries(both)) expect(entry.Properties?.Type).toBe('STANDARD');
  const principals = peopleEntries(both).map(([, e]) => JSON.stringify(e.Properties?.PrincipalArn));
  expect(principals.some((p) => p.includes('karpenter-node'))).toBe(false);
});

test('a people role: its role ARN, its username and groups; system:masters as the admin policy at cluster scope', () => {
  both.access.hasResourceProperties('AWS::EKS::AccessEntry', {
    PrincipalArn: { 'Fn::GetAtt': [roleId(both, 'full_reader'), 'Arn'] },
    Username: 'reader',
    KubernetesGroups: ['reader', 'auditors'],
    Type: 'STANDARD',
    AccessPolicies: Match.absent(),
  });
  both.access.hasResourceProperties('AWS::EKS::AccessEntry', {
    PrincipalArn: { 'Fn::GetAtt': [roleId(both, 'full_break_glass'), 'Arn'] },
    Username: 'break-glass:{{SessionName}}',
    KubernetesGroups: Match.absent(),
    AccessPolicies: [{ PolicyArn: ADMIN_POLICY, AccessScope: { Type: 'cluster' } }],
  });
});

test('the existing SSO role keeps its whole ARN, path included (aws-auth strips it; an access entry matches the principal)', () => {
  both.access.hasResourceProperties('AWS::EKS::AccessEntry', {
    PrincipalArn: FULL.ssoRole,
    Username: 'sso-reader:{{SessionName}}',
    KubernetesGroups: ['reader'],
  });
});

test('an IAM user: its ARN', () => {
  both.access.hasResourceProperties('AWS::EKS::AccessEntry', { PrincipalArn: FULL.ciUser, Username: 'ci-bot', KubernetesGroups: ['reader'] });
});

test('the cluster is the environment\'s, by its name from the Cluster stack', () => {
  for (const [, entry] of peopleEntries(both)) {
    expect(JSON.stringify(entry.Properties?.ClusterName)).toMatch(/Fn::GetStackOutput|both-cluster/);
  }
});

test('the aws-auth mappings are the same with both as with aws-auth: the merge resource is unchanged but for the cluster', () => {
  const merge = (env: SynthesizedEnvironment) => resourcesOfType(env.access, 'Custom::EksAccessAwsAuth').map(([, r]) => JSON.stringify({ roles: r.Properties?.Roles, users: r.Properties?.Users }));
  expect(merge(both)).toEqual(merge(awsAuth));
});

describe('accessEntryId', () => {
  test('the name readable, a hash of the whole key: two paths or accounts of one name are two ids, one key is always one id', () => {
    expect(accessEntryId('full_reader')).toMatch(/^fullreader-[0-9a-f]{8}$/);
    expect(accessEntryId(`arn:aws:iam::${ACCOUNT}:role/a/ops`)).not.toBe(accessEntryId(`arn:aws:iam::${ACCOUNT}:role/b/ops`));
    expect(accessEntryId('arn:aws:iam::111111111111:role/ops')).not.toBe(accessEntryId('arn:aws:iam::222222222222:role/ops'));
    expect(accessEntryId(FULL.ciUser)).toBe(accessEntryId(FULL.ciUser));
    expect(accessEntryId(FULL.ciUser)).toMatch(/^ci-bot-[0-9a-f]{8}$/);
  });

  test('logical ids follow the principal, not the list: reordering existing roles and users moves no entry', () => {
    const ids = (env: SynthesizedEnvironment) => peopleEntries(env).map(([id]) => id).sort();
    const { envs } = synthApp([fullEnvConfig({ name: 'both', clusterName: 'both-cluster', accessBackend: 'both', people: [...fullEnvConfig().people].reverse() })]);
    expect(ids(envs.get('both') as SynthesizedEnvironment)).toEqual(ids(both));
  });
});

test('the verifier role may read the cluster\'s access entries with both, and only then', () => {
  const verifier = (env: SynthesizedEnvironment) => onlyResource(env.access, 'AWS::IAM::Role', (r) => typeof r.Properties?.RoleName === 'string' && (r.Properties.RoleName as string).endsWith('-verifier'))[1];
  const policies = (env: SynthesizedEnvironment) => (verifier(env).Properties?.Policies as Array<{ PolicyName: string; PolicyDocument: { Statement: unknown[] } }>);
  expect(policies(awsAuth).map((p) => p.PolicyName)).toEqual(['DescribeCluster']);
  expect(policies(both).find((p) => p.PolicyName === 'ReadAccessEntries')?.PolicyDocument.Statement).toEqual([{
    Sid: 'ReadAccessEntries', Effect: 'Allow', Action: ['eks:DescribeAccessEntry', 'eks:ListAssociatedAccessPolicies'],
    Resource: `arn:aws:eks:eu-west-1:${ACCOUNT}:access-entry/both-cluster/*`,
  }]);
});

test('each people entry carries the owner tag the plan and verify commands read', () => {
  for (const [, entry] of peopleEntries(both)) expect(entry.Properties?.Tags).toEqual([{ Key: 'eks-access.io/owner', Value: 'eks-access/both/people' }]);
});
