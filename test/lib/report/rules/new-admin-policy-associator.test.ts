import { messageText } from '../../../../lib/report/markdown';
import { newAdminPolicyAssociator } from '../../../../lib/report/rules/new-admin-policy-associator';
import type { EnvironmentAccess, PolicyStatement } from '../../../../lib/report/model';
import { allow, check, env, expectRule, role } from './environment';

const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const ENTRY = 'Access/P/AccessEntry.AccessEntryArn';
const withPolicy = (values: string[], operator = 'ArnEquals'): PolicyStatement => ({
  ...allow(['eks:AssociateAccessPolicy'], [ENTRY]), conditions: [{ operator, key: 'eks:policyArn', values }],
});

function provider(statement: PolicyStatement): EnvironmentAccess {
  return env({
    roles: [role('handler', ['Service lambda.amazonaws.com'], [statement])],
    accessEntries: [{ principal: 'role:handler', cluster: 'Cluster/Cluster', type: 'STANDARD', groups: [], policies: [], arnReference: ENTRY }],
  });
}

describe('new-admin-policy-associator', () => {
  test('id, severity and description', () => {
    expectRule(newAdminPolicyAssociator, 'new-admin-policy-associator', 'critical');
  });

  test('compliant: the grant was in base; a grant conditioned on another policy is no path', () => {
    const head = provider(withPolicy([ADMIN]));
    expect(check(newAdminPolicyAssociator, head, head)).toEqual([]);
    expect(check(newAdminPolicyAssociator, env(), provider(withPolicy(['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy'])))).toEqual([]);
  });

  test('non-compliant: a principal newly allowed to associate the admin policy with its own entry, in full', () => {
    const findings = check(newAdminPolicyAssociator, env(), provider(withPolicy([ADMIN])));
    expect(findings).toEqual([{
      label: 'associate the admin policy', id: 'role:handler', principal: 'role:handler',
      grant: `role:handler eks:AssociateAccessPolicy on ${ENTRY} ArnEquals eks:policyArn = ${ADMIN}`, message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe(`new path to cluster admin: can make itself cluster admin: may \`eks:AssociateAccessPolicy\` on \`${ENTRY}\` (its own access entry) when \`ArnEquals eks:policyArn = ${ADMIN}\`; at any time; the boundary is IAM: who may invoke or update the function that runs as it, and the CloudFormation execution role`);
  });

  test('non-compliant: a widened condition (StringLike `*`) is a new grant, and says what it was', () => {
    const findings = check(newAdminPolicyAssociator, provider(withPolicy([ADMIN])), provider(withPolicy(['*'], 'StringLike')));
    expect(findings.map((f) => f.grant)).toEqual([`role:handler eks:AssociateAccessPolicy on ${ENTRY} StringLike eks:policyArn = *`]);
    expect(messageText(findings[0].message)).toContain(`(changed: was \`eks:AssociateAccessPolicy on ${ENTRY} ArnEquals eks:policyArn = ${ADMIN}\`, now \`eks:AssociateAccessPolicy on ${ENTRY} StringLike eks:policyArn = *\`)`);
  });
});
