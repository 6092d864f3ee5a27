import { messageText } from '../../../../lib/report/markdown';
import type { IamRole, PolicyCondition, TrustStatement } from '../../../../lib/report/model';
import { accountRootOf, conditionKeyClass, isWildcardSubject, widenedTrust } from '../../../../lib/report/rules/widened-trust';
import { check, env, expectRule, role } from './environment';

const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/AAAA';
const OTHER_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/BBBB';
const sub = (values: string[], operator = 'StringEquals', issuer = ISSUER): PolicyCondition => ({ operator, key: `${issuer}:sub`, values });
const aud = (issuer = ISSUER): PolicyCondition => ({ operator: 'StringEquals', key: `${issuer}:aud`, values: ['sts.amazonaws.com'] });
const webIdentity = (conditions: PolicyCondition[], issuer = ISSUER): TrustStatement => ({
  effect: 'Allow', actions: ['sts:AssumeRoleWithWebIdentity'], principals: [`Federated oidc-provider:${issuer}`], conditions,
});
const irsa = (trust: TrustStatement[], name = 'app'): IamRole => ({ kind: 'irsa', name, label: `role:${name}`, trust, statements: [], managedPolicies: [] });
const SA = 'system:serviceaccount:web:app';

/** The messages of widened-trust over one role in base (or none) and head, as plain text. */
function messages(before: IamRole | undefined, after: IamRole): string[] {
  return check(widenedTrust, env({ roles: before ? [before] : [] }), env({ roles: [after] })).map((f) => messageText(f.message));
}

describe('accountRootOf', () => {
  test.each<[string, string | undefined]>([
    ['AWS arn:aws:iam::111111111111:root', '111111111111'],
    ['AWS arn:${AWS::Partition}:iam::222222222222:root', '222222222222'],
    ['AWS arn:aws-us-gov:iam::333333333333:root', '333333333333'],
    ['AWS 444444444444', '444444444444'],
    ['AWS arn:aws:iam::111111111111:role/admin', undefined],
    ['AWS arn::iam::111111111111:root', undefined],
    ['AWS arn:aws:iam::11111111111:root', undefined],
    ['AWS arn:aws:iam::1111111111111:root', undefined],
    ['AWS 11111111111', undefined],
    ['AWS 1111111111111', undefined],
    ['AWS 11111111111a', undefined],
    ['AWS  111111111111', undefined],
    ['Service 111111111111', undefined],
    ['x AWS 111111111111', undefined],
    ['AWS 111111111111 x', undefined],
    ['AWS arn:aws:iam::111111111111:rootx', undefined],
    ['*', undefined],
  ])('%s: %s', (principal, account) => {
    expect(accountRootOf(principal)).toBe(account);
  });
});

describe('conditionKeyClass', () => {
  test.each([
    [`${ISSUER}:sub`, '<issuer>:sub'],
    [`${OTHER_ISSUER}:sub`, '<issuer>:sub'],
    [`${ISSUER}:aud`, '<issuer>:aud'],
    ['aws:SourceAccount', 'aws:SourceAccount'],
    [`${ISSUER}:amr`, `${ISSUER}:amr`],
  ])('%s: %s', (key, keyClass) => {
    expect(conditionKeyClass(key)).toBe(keyClass);
  });
});

describe('isWildcardSubject', () => {
  test.each<[string, PolicyCondition, boolean]>([
    ['one exact subject: no', sub([SA]), false],
    ['two exact subjects: no', sub([SA, 'system:serviceaccount:web:other']), false],
    ['StringLike: yes', sub([SA], 'StringLike'), true],
    ['ForAnyValue:StringLike: yes', sub([SA], 'ForAnyValue:StringLike'), true],
    ['a * in one of the values: yes', sub([SA, 'system:serviceaccount:web:*']), true],
    ['a ? in a value: yes', sub(['system:serviceaccount:web:ap?']), true],
    ['StringLike on :aud: no, it is no subject', { ...aud(), operator: 'StringLike', values: ['*'] }, false],
  ])('%s', (_, condition, wildcard) => {
    expect(isWildcardSubject(condition)).toBe(wildcard);
  });
});

describe('widened-trust', () => {
  test('id, severity and description', () => {
    expectRule(widenedTrust, 'widened-trust', 'high');
  });

  test('compliant: the same trust in base; a trusted principal removed', () => {
    const head = env({ roles: [role('ops', ['AWS arn:aws:iam::111111111111:role/a'])] });
    expect(check(widenedTrust, head, head)).toEqual([]);
    expect(check(widenedTrust, env({ roles: [role('ops', ['AWS arn:aws:iam::111111111111:role/a', 'AWS arn:aws:iam::111111111111:role/b'])] }), head)).toEqual([]);
  });

  test('compliant: a new IRSA role trusting one service account; the same role with the issuer replaced is no removed condition', () => {
    expect(messages(undefined, irsa([webIdentity([sub([SA]), aud()])]))).toEqual([]);
    expect(messages(irsa([webIdentity([sub([SA]), aud()])]), irsa([webIdentity([sub([SA], 'StringEquals', OTHER_ISSUER), aud(OTHER_ISSUER)], OTHER_ISSUER)])))
      .toEqual([`new trusted principal \`Federated oidc-provider:${OTHER_ISSUER}\``]);
  });

  test('non-compliant: the finding in full', () => {
    const findings = check(widenedTrust, env({ roles: [irsa([webIdentity([sub([SA]), aud()])])] }), env({ roles: [irsa([webIdentity([sub(['system:serviceaccount:web:*'], 'StringLike'), aud()])])] }));
    expect(findings).toEqual([{
      label: 'IRSA role', id: 'app', principal: 'role:app', grant: 'trust subject widened to `StringLike system:serviceaccount:web:*`', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe(findings[0].grant);
  });

  test('non-compliant: a wildcard subject, new or where base had an exact one; not when base had the same one under any issuer', () => {
    const wide = irsa([webIdentity([sub(['system:serviceaccount:web:*'], 'StringLike'), aud()])]);
    expect(messages(undefined, wide)).toEqual(['trust subject widened to `StringLike system:serviceaccount:web:*`']);
    expect(messages(irsa([webIdentity([sub([SA]), aud()])]), wide)).toEqual(['trust subject widened to `StringLike system:serviceaccount:web:*`']);
    expect(messages(wide, wide)).toEqual([]);
    expect(messages(irsa([webIdentity([sub(['system:serviceaccount:web:*'], 'StringLike', OTHER_ISSUER), aud()])]), wide)).toEqual([]);
  });

  test('non-compliant: base had the same operator and values on another key, not as a subject', () => {
    const before = irsa([webIdentity([sub([SA]), { operator: 'StringLike', key: `${ISSUER}:amr`, values: ['system:serviceaccount:web:*'] }])]);
    const after = irsa([webIdentity([sub(['system:serviceaccount:web:*'], 'StringLike')])]);
    expect(messages(before, after)).toEqual([
      'trust subject widened to `StringLike system:serviceaccount:web:*`',
      `trust condition removed: \`StringLike ${ISSUER}:amr = system:serviceaccount:web:*\``,
    ]);
  });

  test('non-compliant: an IRSA role without a :sub condition, new or where base had one', () => {
    const open = irsa([webIdentity([aud()])]);
    const noSub = 'no `:sub` condition: any identity of the OIDC provider can assume it';
    expect(messages(undefined, open)).toEqual([noSub]);
    expect(messages(irsa([webIdentity([sub([SA]), aud()])]), open)).toEqual([noSub, `trust condition removed: \`StringEquals ${ISSUER}:sub = ${SA}\``]);
    expect(messages(open, open)).toEqual([]);
  });

  test('a role that is not IRSA needs no :sub condition', () => {
    expect(messages(undefined, { ...irsa([webIdentity([aud()])]), kind: 'people' })).toEqual([]);
  });

  test('Deny statements neither admit nor count as conditions or principals', () => {
    const deny: TrustStatement = { effect: 'Deny', actions: ['sts:AssumeRoleWithWebIdentity'], principals: ['*'], conditions: [sub([SA])] };
    expect(messages(undefined, irsa([deny, webIdentity([aud()])]))).toEqual(['no `:sub` condition: any identity of the OIDC provider can assume it']);
    const before = irsa([webIdentity([sub([SA]), aud()])]);
    expect(messages(before, irsa([webIdentity([sub([SA]), aud()]), { ...deny, conditions: [sub(['*'], 'StringLike')] }]))).toEqual([]);
    expect(messages(irsa([{ ...deny, principals: ['AWS arn:aws:iam::111111111111:role/x'] }, webIdentity([sub([SA]), aud()])]),
      irsa([webIdentity([sub([SA]), aud()]), { ...webIdentity([]), actions: ['sts:AssumeRole'], principals: ['AWS arn:aws:iam::111111111111:role/x'] }])))
      .toEqual(['new trusted principal `AWS arn:aws:iam::111111111111:role/x`']);
  });

  test('non-compliant: a trust condition removed, shown with its key', () => {
    const guarded = (conditions: PolicyCondition[]) => ({ ...role('ops', ['Service events.amazonaws.com']), trust: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: ['Service events.amazonaws.com'], conditions }] });
    const account: PolicyCondition = { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['111111111111', '222222222222'] };
    expect(messages(guarded([account]), guarded([]))).toEqual(['trust condition removed: `StringEquals aws:SourceAccount = 111111111111, 222222222222`']);
    expect(messages(guarded([account]), guarded([{ ...account, values: ['111111111111'] }]))).toEqual([]);
  });

  test('non-compliant: a new trusted principal, an account root called out; not for a new role', () => {
    const base = role('ops', ['AWS arn:aws:iam::111111111111:role/a']);
    expect(messages(base, role('ops', ['AWS arn:aws:iam::111111111111:role/a', 'AWS arn:aws:iam::111111111111:role/b']))).toEqual(['new trusted principal `AWS arn:aws:iam::111111111111:role/b`']);
    expect(messages(base, role('ops', ['AWS 222222222222']))).toEqual(['new trusted principal `AWS 222222222222` (account root: any principal of 222222222222 allowed by its own IAM policy)']);
    expect(messages(undefined, role('ops', ['AWS arn:aws:iam::111111111111:root']))).toEqual([]);
  });

  test.each(['*', 'AWS *'])('non-compliant: trusted by everyone (%s), in a new role or an old one', (everyone) => {
    expect(messages(undefined, role('ops', [everyone]))).toEqual([`trusted by everyone (\`${everyone}\`)`]);
    expect(messages(role('ops', ['AWS arn:aws:iam::111111111111:role/a']), role('ops', [everyone]))).toEqual([`new trusted principal \`${everyone}\``, `trusted by everyone (\`${everyone}\`)`]);
    expect(messages(role('ops', [everyone]), role('ops', [everyone]))).toEqual([]);
  });

  test('the same widening twice (two statements) is one finding', () => {
    const wide = webIdentity([sub(['system:serviceaccount:web:*'], 'StringLike')]);
    expect(messages(undefined, irsa([wide, wide]))).toEqual(['trust subject widened to `StringLike system:serviceaccount:web:*`']);
    const twice = { ...role('ops'), trust: [0, 1].map(() => ({ effect: 'Allow', actions: ['sts:AssumeRole'], principals: ['*'], conditions: [] })) };
    expect(messages(role('ops', ['AWS arn:aws:iam::111111111111:role/a']), twice)).toEqual(['new trusted principal `*`', 'trusted by everyone (`*`)']);
  });

  test('roles are matched by name; each finding labelled by the role\'s kind', () => {
    const findings = check(widenedTrust, env({ roles: [role('other', ['*'])] }), env({ roles: [role('ops', ['*']), role('other', ['*'])] }));
    expect(findings.map((f) => [f.label, f.id, f.principal, f.grant])).toEqual([['service role', 'ops', 'role:ops', 'trusted by everyone (`*`)']]);
  });
});
