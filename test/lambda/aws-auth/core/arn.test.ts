/** Principal keys as aws-iam-authenticator compares them (pkg/config/types.go Matches / Key). */
import { normalizeUserArn, roleKey, userKey } from '../../../../lambda/aws-auth/core/arn';

describe('userKey: user ARNs compared ignoring case, path kept', () => {
  test.each<[string, string, string]>([
    ['the same ARN', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/alice'],
    ['the name in another case', 'arn:aws:iam::111122223333:user/Alice', 'arn:aws:iam::111122223333:user/alice'],
    ['the path in another case', 'arn:aws:iam::111122223333:user/Ops/alice', 'arn:aws:iam::111122223333:user/ops/ALICE'],
    ['ARN prefix in capitals', 'ARN:AWS:IAM::111122223333:USER/alice', 'arn:aws:iam::111122223333:user/alice'],
  ])('one principal: %s', (_name, a, b) => {
    expect(userKey(a)).toBe(userKey(b));
  });

  test.each<[string, string, string]>([
    ['another name', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/alicia'],
    ['another path (users keep their path)', 'arn:aws:iam::111122223333:user/ops/alice', 'arn:aws:iam::111122223333:user/alice'],
    ['another account', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::444455556666:user/alice'],
  ])('two principals: %s', (_name, a, b) => {
    expect(userKey(a)).not.toBe(userKey(b));
  });

  test('the key is the lower-cased ARN; the ARN written stays as declared', () => {
    expect(userKey('arn:aws:iam::111122223333:user/Ops/Alice')).toBe('arn:aws:iam::111122223333:user/ops/alice');
    expect(normalizeUserArn('arn:aws:iam::111122223333:user/Ops/Alice')).toBe('arn:aws:iam::111122223333:user/Ops/Alice');
  });

  test('roles: path stripped and lower-cased (unchanged rule)', () => {
    expect(roleKey('arn:aws:iam::111122223333:role/Team/Dev')).toBe(roleKey('arn:aws:iam::111122223333:role/dev'));
  });
});
