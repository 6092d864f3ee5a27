/**
 * aws-auth username and group templates rendered the way aws-iam-authenticator renders them
 * for a signed-in session (pkg/server/server.go `renderTemplate`): `{{EC2PrivateDNSName}}`
 * first (only for a session named after an EC2 instance id), then `{{AccountID}}`,
 * `{{SessionName}}` (the session name with every `@` replaced by `-`), `{{SessionNameRaw}}`
 * and `{{AccessKeyID}}`, each replaced everywhere it occurs. Pure: no I/O.
 */

/** The placeholders the authenticator knows, as written in aws-auth. */
export const TEMPLATE_PLACEHOLDERS = {
  ec2PrivateDnsName: '{{EC2PrivateDNSName}}',
  accountId: '{{AccountID}}',
  sessionName: '{{SessionName}}',
  sessionNameRaw: '{{SessionNameRaw}}',
  accessKeyId: '{{AccessKeyID}}',
} as const;

/** The STS session a template is rendered for (what the authenticator reads from GetCallerIdentity). */
export interface SampleSession {
  /** Account id of the caller. */
  readonly accountId: string;
  /** Role session name (for an IAM user, the authenticator's session name is empty). */
  readonly sessionName: string;
  /** Access key id of the session's credentials. */
  readonly accessKeyId: string;
  /**
   * Private DNS name of the EC2 instance named by `sessionName`; the authenticator looks it up
   * with DescribeInstances and refuses the sign-in when the session is not named after an instance.
   * @default - the session is not an EC2 instance's: a `{{EC2PrivateDNSName}}` template cannot be rendered
   */
  readonly ec2PrivateDnsName?: string;
}

/** A template that the authenticator would refuse to render for this session (the sign-in fails). */
export class TemplateRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateRenderError';
  }
}

/** The authenticator's check that a session is an EC2 instance's (server.go `instanceIDPattern`). */
const INSTANCE_ID_RE = /^i-(\w{8}|\w{17})$/;

/** True when `template` holds `{{EC2PrivateDNSName}}` (such a mapping signs in only as an EC2 instance). */
export function needsInstanceSession(template: string): boolean {
  return template.includes(TEMPLATE_PLACEHOLDERS.ec2PrivateDnsName);
}

/**
 * Renders one username or group template for `session`, as the authenticator does.
 * @throws TemplateRenderError for `{{EC2PrivateDNSName}}` when the session is not an EC2 instance's.
 */
export function renderTemplate(template: string, session: SampleSession): string {
  let out = template;
  if (needsInstanceSession(out)) {
    if (!INSTANCE_ID_RE.test(session.sessionName) || session.ec2PrivateDnsName === undefined) {
      throw new TemplateRenderError(`"${template}" needs an EC2 instance's session (named i-...), got session "${session.sessionName}"`);
    }
    out = out.replaceAll(TEMPLATE_PLACEHOLDERS.ec2PrivateDnsName, session.ec2PrivateDnsName);
  }
  out = out.replaceAll(TEMPLATE_PLACEHOLDERS.accountId, session.accountId);
  out = out.replaceAll(TEMPLATE_PLACEHOLDERS.sessionName, session.sessionName.replaceAll('@', '-'));
  out = out.replaceAll(TEMPLATE_PLACEHOLDERS.sessionNameRaw, session.sessionName);
  out = out.replaceAll(TEMPLATE_PLACEHOLDERS.accessKeyId, session.accessKeyId);
  return out;
}

/** A person's sample session: an SSO-style e-mail session name, so `@` -> `-` shows. */
export const SAMPLE_SESSION_NAME = 'eks-access-verify@example.com';
/** A sample instance id, for mappings that only an EC2 instance can use. */
export const SAMPLE_INSTANCE_ID = 'i-0123456789abcdef0';
/** A sample access key id of temporary credentials (20 characters, `ASIA...`). */
export const SAMPLE_ACCESS_KEY_ID = 'ASIAEKSACCESSVERIFY0';

/**
 * The session `verify` renders a mapping for: an EC2 instance's session when the mapping's
 * username or a group needs `{{EC2PrivateDNSName}}` (node roles), a person's otherwise.
 */
export function sampleSession(accountId: string, region: string, templates: readonly string[]): SampleSession {
  if (templates.some(needsInstanceSession)) {
    return { accountId, sessionName: SAMPLE_INSTANCE_ID, accessKeyId: SAMPLE_ACCESS_KEY_ID, ec2PrivateDnsName: `ip-10-0-0-1.${region}.compute.internal` };
  }
  return { accountId, sessionName: SAMPLE_SESSION_NAME, accessKeyId: SAMPLE_ACCESS_KEY_ID };
}
