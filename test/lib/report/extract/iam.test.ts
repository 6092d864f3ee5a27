import { extractIamRoles } from '../../../../lib/report/extract/iam';
import { permissionLines } from '../../../../lib/report/grants';
import { contextOf } from './context';

const invoke = { Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] };

describe('extractIamRoles', () => {
  const context = contextOf({
    Resources: {
      Ops: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'ops', Policies: [{ PolicyName: 'p', PolicyDocument: invoke }] } },
      Bot: { Type: 'AWS::IAM::User', Properties: { UserName: 'bot' } },
      Attached: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'a', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'eks:*', Resource: '*' }] }, Users: [{ Ref: 'Bot' }], Groups: ['imported-group'], Roles: ['imported-role'] },
      },
    },
  });
  const roles = extractIamRoles([context]);
  const byLabel = (label: string) => roles.find((r) => r.label === label);

  test('groups and users hold permissions like roles: inline, and through AWS::IAM::Policy Users/Groups/Roles', () => {
    expect(byLabel('group:ops')).toMatchObject({ kind: 'group', name: 'ops', arn: { prefix: 'arn:aws:iam::111111111111:group/', name: 'ops' } });
    expect(byLabel('group:ops')?.statements.flatMap(permissionLines)).toEqual(['Allow lambda:InvokeFunction on *']);
    expect(byLabel('user:bot')).toMatchObject({ kind: 'user', name: 'bot' });
    expect(byLabel('user:bot')?.statements.flatMap(permissionLines)).toEqual(['Allow eks:* on *']);
    expect(byLabel('group:imported-group')).toMatchObject({ kind: 'group', name: 'imported-group' });
    expect(byLabel('role:imported-role')).toMatchObject({ kind: 'service', name: 'imported-role', trust: [] });
  });
});
