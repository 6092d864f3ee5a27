import { newIamWildcard } from '../../../../lib/report/rules/new-iam-wildcard';
import { allow, check, env, role } from './environment';

const withStatement = (actions: string[], resources: string[]) => env({ roles: [role('uploader', [], [allow(actions, resources)])] });

describe('new-iam-wildcard', () => {
  test('compliant: exact actions and resources; the same wildcard in base', () => {
    expect(check(newIamWildcard, env(), withStatement(['s3:PutObject'], ['arn:aws:s3:::b/*']))).toEqual([]);
    expect(check(newIamWildcard, withStatement(['s3:*'], ['arn:aws:s3:::b/*']), withStatement(['s3:*'], ['arn:aws:s3:::b/*']))).toEqual([]);
  });

  test.each([[['s3:*'], ['arn:aws:s3:::b/*'], 'Allow s3:* on arn:aws:s3:::b/*'], [['s3:PutObject'], ['*'], 'Allow s3:PutObject on *']])('non-compliant: %j on %j', (actions, resources, grant) => {
    expect(check(newIamWildcard, withStatement(['s3:PutObject'], ['arn:aws:s3:::b/*']), withStatement(actions, resources))).toEqual([expect.objectContaining({ principal: 'role:uploader', grant })]);
  });
});
