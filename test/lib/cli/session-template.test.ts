import {
  SAMPLE_ACCESS_KEY_ID, SAMPLE_INSTANCE_ID, SAMPLE_SESSION_NAME, TemplateRenderError, renderTemplate, sampleSession,
} from '../../../lib/cli/session-template';

const person = { accountId: '111122223333', sessionName: 'jane.doe@example.com', accessKeyId: 'ASIAXAMPLEXAMPLE0001' };
const instance = { accountId: '111122223333', sessionName: 'i-0123456789abcdef0', accessKeyId: 'ASIAXAMPLEXAMPLE0002', ec2PrivateDnsName: 'ip-10-1-2-3.eu-west-1.compute.internal' };

describe('renderTemplate (aws-iam-authenticator server.go renderTemplate)', () => {
  test.each([
    ['no template', 'reader', person, 'reader'],
    ['{{SessionName}} replaces every "@" with "-"', 'sso:{{SessionName}}', person, 'sso:jane.doe-example.com'],
    ['{{SessionNameRaw}} keeps the "@"', 'raw:{{SessionNameRaw}}', person, 'raw:jane.doe@example.com'],
    ['{{AccountID}}', 'acct-{{AccountID}}', person, 'acct-111122223333'],
    ['{{AccessKeyID}}', 'key-{{AccessKeyID}}', person, 'key-ASIAXAMPLEXAMPLE0001'],
    ['every occurrence', '{{SessionName}}/{{SessionName}}', person, 'jane.doe-example.com/jane.doe-example.com'],
    ['several placeholders', '{{AccountID}}:{{SessionName}}:{{SessionNameRaw}}', person, '111122223333:jane.doe-example.com:jane.doe@example.com'],
    ['{{EC2PrivateDNSName}} for an instance session', 'system:node:{{EC2PrivateDNSName}}', instance, 'system:node:ip-10-1-2-3.eu-west-1.compute.internal'],
    ['an unknown placeholder is left as written', '{{Unknown}}', person, '{{Unknown}}'],
    ['placeholders are case-sensitive', '{{sessionname}}', person, '{{sessionname}}'],
  ])('%s', (_, template, session, expected) => {
    expect(renderTemplate(template, session)).toBe(expected);
  });

  test('{{EC2PrivateDNSName}} for a session not named after an instance id is refused, as the authenticator refuses the sign-in', () => {
    expect(() => renderTemplate('system:node:{{EC2PrivateDNSName}}', person)).toThrow(TemplateRenderError);
    expect(() => renderTemplate('system:node:{{EC2PrivateDNSName}}', person))
      .toThrow('"system:node:{{EC2PrivateDNSName}}" needs an EC2 instance\'s session (named i-...), got session "jane.doe@example.com"');
    expect(() => renderTemplate('x:{{EC2PrivateDNSName}}', { ...instance, sessionName: 'i-123' })).toThrow(TemplateRenderError);
  });
});

describe('sampleSession', () => {
  test('a person\'s session with an "@" in its name, unless a template needs an EC2 instance', () => {
    expect(sampleSession('111122223333', 'eu-west-1', ['reader', 'reader'])).toEqual({
      accountId: '111122223333', sessionName: SAMPLE_SESSION_NAME, accessKeyId: SAMPLE_ACCESS_KEY_ID,
    });
    expect(SAMPLE_SESSION_NAME).toContain('@');
    expect(SAMPLE_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const node = sampleSession('111122223333', 'eu-west-1', ['system:node:{{EC2PrivateDNSName}}', 'system:nodes']);
    expect(node).toEqual({
      accountId: '111122223333', sessionName: SAMPLE_INSTANCE_ID, accessKeyId: SAMPLE_ACCESS_KEY_ID, ec2PrivateDnsName: 'ip-10-0-0-1.eu-west-1.compute.internal',
    });
    expect(renderTemplate('system:node:{{EC2PrivateDNSName}}', node)).toBe('system:node:ip-10-0-0-1.eu-west-1.compute.internal');
  });
});
