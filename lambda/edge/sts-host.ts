/**
 * The partition's regional STS hostname, the only host aws-iam-authenticator accepts in a token
 * (pkg/token/token.go `stsHostsForPartition` with the regional endpoint option).
 */

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Error for a region we cannot place in a partition. */
export class UnsupportedRegionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedRegionError';
  }
}

/**
 * `sts.<region>.amazonaws.com`, or `sts.<region>.amazonaws.com.cn` for `cn-` regions.
 * @throws UnsupportedRegionError for a malformed region or an isolated partition (its STS DNS
 *   suffix is not modelled here).
 */
export function stsHostname(region: string): string {
  if (!REGION_RE.test(region)) {
    throw new UnsupportedRegionError(`"${region}" is not an AWS region name; pass one like eu-west-1`);
  }
  if (/^(us-iso|eusc-)/.test(region)) {
    throw new UnsupportedRegionError(`region "${region}" is in an isolated partition whose STS hostname is not supported; use a region of aws, aws-cn or aws-us-gov`);
  }
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `sts.${region}.${suffix}`;
}
