import { messageText } from '../../../../lib/report/markdown';
import type { PolicyStatement } from '../../../../lib/report/model';
import { isWildcardAction, newIamWildcard, wildcardPermissions } from '../../../../lib/report/rules/new-iam-wildcard';
import { allow, check, env, expectRule, role } from './environment';

const withStatement = (actions: string[], resources: string[]) => env({ roles: [role('uploader', [], [allow(actions, resources)])] });

describe('isWildcardAction', () => {
  test.each([
    ['*', true], ['s3:*', true], ['ec2-instance-connect:*', true], ['sts_x:*', true],
    ['s3:Get*', false], ['s3:PutObject', false], ['s3:**', false], ['x s3:*', false], ['s3:*x', false], [':*', false], ['s3:*\n', false], ['**', false],
  ])('%j: %s', (action, wildcard) => {
    expect(isWildcardAction(action)).toBe(wildcard);
  });
});

describe('wildcardPermissions', () => {
  const statement = (parts: Partial<PolicyStatement>): PolicyStatement => ({ ...allow([], []), ...parts });

  test('a Deny statement has none, whatever it names', () => {
    expect(wildcardPermissions(statement({ effect: 'Deny', actions: ['*'], resources: ['*'], notActions: ['s3:*'], notResources: ['x'] }))).toEqual([]);
  });

  test('NotAction and NotResource, then each wildcard (action, resource) pair in order', () => {
    expect(wildcardPermissions(statement({ actions: ['s3:GetObject', 's3:*'], resources: ['arn:b', '*'], notActions: ['iam:*', 'sts:*'], notResources: ['arn:x', 'arn:y'] }))).toEqual([
      'Allow NOT(iam:*, sts:*)',
      'Allow on NOT(arn:x, arn:y)',
      'Allow s3:GetObject on *',
      'Allow s3:* on arn:b',
      'Allow s3:* on *',
    ]);
  });

  test('exact actions on exact resources: none', () => {
    expect(wildcardPermissions(allow(['s3:GetObject', 's3:PutObject'], ['arn:a', 'arn:b']))).toEqual([]);
  });
});

describe('new-iam-wildcard', () => {
  test('id, severity and description', () => {
    expectRule(newIamWildcard, 'new-iam-wildcard', 'high');
  });

  test('compliant: exact actions and resources; the same wildcard in base', () => {
    expect(check(newIamWildcard, env(), withStatement(['s3:PutObject'], ['arn:aws:s3:::b/*']))).toEqual([]);
    expect(check(newIamWildcard, withStatement(['s3:*'], ['arn:aws:s3:::b/*']), withStatement(['s3:*'], ['arn:aws:s3:::b/*']))).toEqual([]);
  });

  test.each([[['s3:*'], ['arn:aws:s3:::b/*'], 'Allow s3:* on arn:aws:s3:::b/*'], [['s3:PutObject'], ['*'], 'Allow s3:PutObject on *']])('non-compliant: %j on %j', (actions, resources, grant) => {
    expect(check(newIamWildcard, withStatement(['s3:PutObject'], ['arn:aws:s3:::b/*']), withStatement(actions, resources))).toEqual([expect.objectContaining({ principal: 'role:uploader', grant })]);
  });

  test('non-compliant: the finding in full', () => {
    const findings = check(newIamWildcard, env(), withStatement(['s3:*'], ['arn:b']));
    expect(findings).toEqual([{ label: 'service role', id: 'uploader', principal: 'role:uploader', grant: 'Allow s3:* on arn:b', message: expect.any(String) }]);
    expect(messageText(findings[0].message)).toBe('wildcard permission `Allow s3:* on arn:b`');
  });

  test('a wildcard twice in head (two statements) is one finding; one that base had elsewhere in the same role is none', () => {
    const twice = env({ roles: [role('uploader', [], [allow(['s3:*'], ['arn:b']), allow(['s3:*'], ['arn:b', '*'])])] });
    expect(check(newIamWildcard, env(), twice).map((f) => f.grant)).toEqual(['Allow s3:* on arn:b', 'Allow s3:* on *']);
    const base = env({ roles: [role('uploader', [], [allow(['kms:Decrypt'], ['arn:k']), allow(['s3:*'], ['*'])])] });
    expect(check(newIamWildcard, base, twice).map((f) => f.grant)).toEqual(['Allow s3:* on arn:b']);
  });

  test('roles are matched by name: the same wildcard on another role of base does not count', () => {
    const base = env({ roles: [role('other', [], [allow(['s3:*'], ['arn:b'])])] });
    expect(check(newIamWildcard, base, withStatement(['s3:*'], ['arn:b'])).map((f) => f.id)).toEqual(['uploader']);
  });
});
