import { widenedTrust } from '../../../../lib/report/rules/widened-trust';
import { messageText } from '../../../../lib/report/markdown';
import { check, env, role } from './environment';

describe('widened-trust', () => {
  test('compliant: the same trust in base; a trusted principal removed', () => {
    const head = env({ roles: [role('ops', ['AWS arn:aws:iam::111111111111:role/a'])] });
    expect(check(widenedTrust, head, head)).toEqual([]);
    expect(check(widenedTrust, env({ roles: [role('ops', ['AWS arn:aws:iam::111111111111:role/a', 'AWS arn:aws:iam::111111111111:role/b'])] }), head)).toEqual([]);
  });

  test('non-compliant: an account root newly trusted, and everyone', () => {
    const base = env({ roles: [role('ops', ['AWS arn:aws:iam::111111111111:role/a'])] });
    const [root] = check(widenedTrust, base, env({ roles: [role('ops', ['AWS arn:aws:iam::111111111111:root'])] }));
    expect(messageText(root.message)).toBe('new trusted principal `AWS arn:aws:iam::111111111111:root` (account root: any principal of 111111111111 allowed by its own IAM policy)');
    expect(check(widenedTrust, base, env({ roles: [role('ops', ['*'])] })).map((f) => messageText(f.message))).toContain('trusted by everyone (`*`)');
  });
});
