/**
 * The Kubernetes groups of a caller of the sandbox's API server, found as EKS finds them in
 * API_AND_CONFIG_MAP mode: the caller's access entry first (an access entry wins over aws-auth
 * for the same principal), else the live aws-auth, read the way aws-iam-authenticator reads it
 * (lib/cli/live-identity.ts). So a role the handler has just mapped can sign in, and one it has
 * not mapped gets no groups and is refused. Pure: no I/O.
 */
import type { ConfigMapState } from '../../lambda/aws-auth/core';
import { liveIdentity } from '../cli/live-identity';

/** An access entry of the sandbox cluster as the API server sees it: principal and groups. */
export interface SandboxAccessEntry {
  /** IAM role (no path) or user ARN. */
  readonly principalArn: string;
  /** `kubernetesGroups` of the entry. */
  readonly groups: readonly string[];
}

const ASSUMED_ROLE_RE = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/** The principal behind a caller ARN: an assumed-role session becomes its role. */
export function callerPrincipal(arn: string): { readonly kind: 'role' | 'user'; readonly arn: string } {
  const session = ASSUMED_ROLE_RE.exec(arn);
  if (session) return { kind: 'role', arn: `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` };
  return { kind: /:role\//.test(arn) ? 'role' : 'user', arn };
}

/**
 * Groups of `callerArn`: its access entry's, else what the live aws-auth (`awsAuth()`, read on
 * every call) maps it to (every candidate identity's groups, as the authenticator may pick any),
 * else none. An aws-auth the authenticator cannot parse maps nobody.
 */
export function callerGroups(callerArn: string, entries: readonly SandboxAccessEntry[], awsAuth: () => ConfigMapState): string[] {
  const principal = callerPrincipal(callerArn);
  const entry = entries.find((e) => e.principalArn.toLowerCase() === principal.arn.toLowerCase());
  if (entry) return [...entry.groups];
  let lookup;
  try {
    lookup = liveIdentity(awsAuth(), principal);
  } catch {
    return [];
  }
  return lookup.status === 'mapped' ? [...new Set(lookup.identities.flatMap((i) => i.groups))] : [];
}
