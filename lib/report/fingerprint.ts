/**
 * The fingerprint of a finding: a stable hash of the exact grant, so an acknowledgement names
 * one grant and nothing else. What goes in (in this order, as a JSON array):
 *
 * 1. the version of this definition (`v1`);
 * 2. the environment (stage name, `dev`);
 * 3. the rule id (`new-masters-mapping`);
 * 4. the principal the finding is about, as the report renders it (`role:external_admin`, a
 *    literal ARN, `Group reader`);
 * 5. the grant's content, as the rule renders it (for example the aws-auth list, username and
 *    sorted groups of a mapping; the policy and scope of an access policy; the action and
 *    resource of a permission).
 *
 * Rendered names are role names or construct paths, never CloudFormation logical ids (which
 * change with unrelated refactors), and nothing depends on template order or line positions.
 * Any change to the grant itself (another group, another scope, another resource) changes
 * the fingerprint, so an acknowledgement never covers a grant it was not written for.
 * Pure.
 */
import { createHash } from 'crypto';

/** Version of the fingerprint definition; a change invalidates every acknowledgement. */
export const FINGERPRINT_VERSION = 'v1';

/** Hex characters kept from the SHA-256 digest (96 bits). */
export const FINGERPRINT_LENGTH = 24;

/** What a fingerprint is computed from. */
export interface FingerprintInput {
  readonly environment: string;
  readonly rule: string;
  readonly principal: string;
  readonly grant: string;
}

/** What a fingerprint looks like. */
export const FINGERPRINT_RE = new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`);

/** The fingerprint: the first {@link FINGERPRINT_LENGTH} hex digits of SHA-256 of the JSON array above. */
export function fingerprintOf(input: FingerprintInput): string {
  const material = JSON.stringify([FINGERPRINT_VERSION, input.environment, input.rule, input.principal, input.grant]);
  return createHash('sha256').update(material, 'utf8').digest('hex').slice(0, FINGERPRINT_LENGTH);
}
