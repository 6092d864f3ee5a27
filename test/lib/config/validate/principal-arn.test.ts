/**
 * Config validation of one IAM principal ARN: the parser's refusal passes through as the fix,
 * and an ARN of another partition than the environment's region is refused with the right prefix.
 */
import { ArnError, parsePrincipalArn } from '../../../../lambda/aws-auth/core/arn';
import { ProblemCollector } from '../../../../lib/config/errors';
import { checkPrincipalArn } from '../../../../lib/config/validate/principal-arn';

/** Runs the check; returns its verdict and the problems it added. */
function check(arn: unknown, kind: 'role' | 'user', partition = 'aws') {
  const p = new ProblemCollector('qa');
  const ok = checkPrincipalArn('f', arn, kind, partition, p);
  return { ok, problems: p.problems };
}

/** The message the ARN parser refuses `arn` with. */
function parserMessage(arn: unknown, kind: 'role' | 'user'): string {
  try {
    parsePrincipalArn(arn as string, kind);
  } catch (e) {
    expect(e).toBeInstanceOf(ArnError);
    return (e as Error).message;
  }
  throw new Error(`expected the parser to refuse ${String(arn)}`);
}

test.each([
  ['arn:aws:iam::111111111111:role/platform', 'role', 'aws'],
  ['arn:aws:iam::111111111111:role/team/a/platform', 'role', 'aws'],
  ['arn:aws:iam::111111111111:user/alice', 'user', 'aws'],
  ['arn:aws-cn:iam::111111111111:role/platform', 'role', 'aws-cn'],
  ['arn:aws-us-gov:iam::111111111111:user/bob', 'user', 'aws-us-gov'],
] as const)('%s is a %s in partition %s: accepted, nothing reported', (arn, kind, partition) => {
  expect(check(arn, kind, partition)).toEqual({ ok: true, problems: [] });
});

test.each([
  ['arn:aws-cn:iam::111111111111:role/platform', 'role', 'aws', 'aws-cn'],
  ['arn:aws:iam::111111111111:user/alice', 'user', 'aws-cn', 'aws'],
  ['arn:aws-us-gov:iam::111111111111:role/platform', 'role', 'aws', 'aws-us-gov'],
] as const)('%s (a %s) in an environment of partition %s is refused with the prefix to use', (arn, kind, partition, given) => {
  expect(check(arn, kind, partition)).toEqual({
    ok: false,
    problems: [{ env: 'qa', field: 'f', value: arn, message: `is in partition "${given}" but the environment's region is in "${partition}"; use arn:${partition}:iam::...` }],
  });
});

test.each([
  ['', 'role'],
  [undefined, 'role'],
  [42, 'user'],
  ['arn:aws:iam::111111111111:user/alice', 'role'],
  ['arn:aws:iam::111111111111:role/platform', 'user'],
  ['arn:aws:sts::111111111111:assumed-role/platform/session', 'role'],
  ['arn:aws:iam::111111111111:group/admins', 'role'],
  ['not-an-arn', 'user'],
] as const)('%p as a %s: the parser\'s message is the fix, under the field, with the value given', (arn, kind) => {
  expect(check(arn, kind)).toEqual({ ok: false, problems: [{ env: 'qa', field: 'f', value: arn, message: parserMessage(arn, kind) }] });
});

test('an error that is not a refused ARN is not disguised as a config problem', () => {
  // JSON.stringify of a bigint throws a TypeError inside the parser: a bug to see, not a field to fix.
  expect(() => check(BigInt(1), 'role')).toThrow(TypeError);
});
