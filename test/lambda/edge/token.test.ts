import { buildEksToken } from '../../../lambda/edge/token';
import { UnsupportedRegionError, stsHostname } from '../../../lambda/edge/sts-host';
import { loadTokenFixtures, tokenUrl } from './eks-token-fixtures';

const fixtures = loadTokenFixtures();

describe('buildEksToken', () => {
  test('fixtures cover static and session credentials and the cn partition', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    expect(fixtures.some((f) => f.credentials.sessionToken)).toBe(true);
    expect(fixtures.some((f) => !f.credentials.sessionToken)).toBe(true);
    expect(fixtures.some((f) => f.region.startsWith('cn-'))).toBe(true);
  });

  test.each(fixtures.map((f) => [f.file, f] as const))('is byte-for-byte equal to awscli: %s', async (_file, f) => {
    const ours = await buildEksToken({ clusterName: f.clusterName, region: f.region, credentials: f.credentials, now: f.signedAt });
    expect(ours).toBe(f.token);
  });

  test('has the authenticator shape: regional STS host, path /, 60 s, cluster header signed, no padding', async () => {
    const token = await buildEksToken({
      clusterName: 'demo', region: 'eu-central-1', now: new Date('2025-03-04T05:06:07.891Z'),
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = tokenUrl(token);
    expect(url.origin).toBe('https://sts.eu-central-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    expect([...url.searchParams.keys()]).toEqual([
      'Action', 'Version', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature',
    ]);
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20250304T050607Z');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20250304/eu-central-1/sts/aws4_request');
  });

  test('never follows an overridden STS endpoint', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_STS;
    process.env.AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9';
    try {
      const token = await buildEksToken({ clusterName: 'demo', region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } });
      expect(tokenUrl(token).host).toBe('sts.us-east-1.amazonaws.com');
    } finally {
      if (saved === undefined) {
        delete process.env.AWS_ENDPOINT_URL_STS;
      } else {
        process.env.AWS_ENDPOINT_URL_STS = saved;
      }
    }
  });

  test('refuses an empty cluster name', async () => {
    await expect(buildEksToken({ clusterName: '', region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } }))
      .rejects.toThrow(/clusterName is required/);
  });
});

describe('stsHostname', () => {
  test.each([
    ['eu-west-1', 'sts.eu-west-1.amazonaws.com'],
    ['us-gov-west-1', 'sts.us-gov-west-1.amazonaws.com'],
    ['cn-northwest-1', 'sts.cn-northwest-1.amazonaws.com.cn'],
  ])('%s -> %s', (region, host) => {
    expect(stsHostname(region)).toBe(host);
  });

  test.each(['', 'EU-WEST-1', 'eu-west', 'us-iso-east-1'])('refuses %j', (region) => {
    expect(() => stsHostname(region)).toThrow(UnsupportedRegionError);
  });
});
