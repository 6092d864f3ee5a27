import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { CONSOLE_VIEW_ACTIONS, MFA_CONDITION, PeopleRole } from '../../../lib/constructs/people-role';
import type { PeopleRoleProps } from '../../../lib/constructs/people-role';
import { ACCOUNT, REGION } from '../../util';

const USER = `arn:aws:iam::${ACCOUNT}:user/break-glass`;
const USER2 = `arn:aws:iam::${ACCOUNT}:user/break-glass-2`;

/** The template of a stack holding one PeopleRole, and the role's logical id. */
function synth(props: Omit<PeopleRoleProps, 'cluster'>): { template: Template; roleId: string } {
  const stack = new Stack(new App(), 'People', { env: { account: ACCOUNT, region: REGION } });
  const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
  const { role } = new PeopleRole(stack, 'Person', { cluster, ...props });
  return { template: Template.fromStack(stack), roleId: stack.getLogicalId(role.node.defaultChild as never) };
}

describe('PeopleRole trust', () => {
  test('without requireMfa: no condition', () => {
    const { template } = synth({ roleName: 'r', trustedPrincipals: [USER] });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.exact({ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: USER } })] },
    });
  });

  test.each([[[USER]], [[USER, USER2]]])('requireMfa: every trust statement requires MFA, and together they admit exactly %j', (principals) => {
    const { template } = synth({ roleName: 'r', trustedPrincipals: principals, requireMfa: true });
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0];
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    for (const statement of trust) {
      expect(statement).toEqual({ Action: 'sts:AssumeRole', Effect: 'Allow', Condition: MFA_CONDITION, Principal: { AWS: expect.anything() } });
    }
    const admitted = trust.flatMap((st) => [(st.Principal as { AWS: string | string[] }).AWS].flat());
    expect(admitted.sort()).toEqual([...principals].sort());
    expect(MFA_CONDITION).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  test('turning MFA on changes only the trust policy: same logical id and RoleName (an update, not a replacement)', () => {
    const before = synth({ roleName: 'r', trustedPrincipals: [USER] });
    const after = synth({ roleName: 'r', trustedPrincipals: [USER], requireMfa: true });
    expect(after.roleId).toBe(before.roleId);
    const props = (t: Template) => Object.values(t.findResources('AWS::IAM::Role'))[0].Properties as Record<string, unknown>;
    const { AssumeRolePolicyDocument: trustBefore, ...restBefore } = props(before.template);
    const { AssumeRolePolicyDocument: trustAfter, ...restAfter } = props(after.template);
    expect(restAfter).toEqual(restBefore);
    expect(trustAfter).not.toEqual(trustBefore);
  });
});

/** An ARN as the template spells it in a stack whose partition is CloudFormation's. */
const partitioned = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

describe('PeopleRole console access', () => {
  const policies = (template: Template) => (Object.values(template.findResources('AWS::IAM::Role'))[0].Properties.Policies as Array<{ PolicyName: string; PolicyDocument: { Statement: unknown[] } }>);

  test('off by default: DescribeCluster on the cluster only', () => {
    const { template } = synth({ roleName: 'r', trustedPrincipals: [USER] });
    expect(policies(template).map((p) => p.PolicyName)).toEqual(['DescribeCluster']);
  });

  test('on: the console\'s view of this cluster and its node groups, and ListClusters on * (IAM has no narrower resource for it)', () => {
    const { template } = synth({ roleName: 'r', trustedPrincipals: [USER], consoleAccess: { clusterName: 'c' } });
    const view = policies(template).find((p) => p.PolicyName === 'ConsoleView');
    expect(view?.PolicyDocument.Statement).toEqual([
      { Sid: 'ViewCluster', Effect: 'Allow', Action: ['eks:DescribeCluster', 'eks:ListNodegroups', 'eks:ListFargateProfiles', 'eks:ListUpdates', 'eks:AccessKubernetesApi'], Resource: partitioned(`:eks:${REGION}:${ACCOUNT}:cluster/c`) },
      { Sid: 'ViewNodegroups', Effect: 'Allow', Action: ['eks:DescribeNodegroup', 'eks:ListUpdates'], Resource: partitioned(`:eks:${REGION}:${ACCOUNT}:nodegroup/c/*/*`) },
      { Sid: 'ListClusters', Effect: 'Allow', Action: 'eks:ListClusters', Resource: '*' },
    ]);
    expect(CONSOLE_VIEW_ACTIONS.any).toEqual(['eks:ListClusters']);
  });
});
