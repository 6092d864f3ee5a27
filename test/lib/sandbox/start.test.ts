/**
 * The sandbox servers in-process: the API stand-in answers over TLS that trusts only its CA (as
 * the CLI and handler pin it), the seeded callers get exactly their groups' rights, and close
 * removes the temp folder and is safe twice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';
import { buildEksToken } from '../../../lambda/edge/token';
import { findEnvironment } from '../../../lib/sandbox/environments';
import { startSandbox } from '../../../lib/sandbox/start';
import type { Sandbox } from '../../../lib/sandbox/start';

const env = findEnvironment('dev');
let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ env });
});
afterAll(async () => {
  await s.close();
});

/** GET over TLS that trusts only the CA DescribeCluster returns (as the CLI and handler do). */
function get(path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.kube.url}${path}`, { ca: Buffer.from(s.kube.caData, 'base64'), headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the kubeconfig names the API stand-in and the CA DescribeCluster would return', () => {
  const config = parse(readFileSync(s.kubeconfig, 'utf8')) as { clusters: Array<{ cluster: Record<string, string> }> };
  expect(config.clusters[0].cluster).toEqual({ server: s.kube.url, 'certificate-authority-data': s.kube.caData });
});

test.each([
  ['the operator may read aws-auth (verifier group, through its access entry)', 'operator', '/api/v1/namespaces/kube-system/configmaps/aws-auth', 200],
  ['the operator may not list ConfigMaps', 'operator', '/api/v1/namespaces/kube-system/configmaps', 403],
  ['the operator may not read another ConfigMap', 'operator', '/api/v1/namespaces/kube-system/configmaps/coredns', 403],
  ['the handler may read aws-auth (writer group)', 'handler', '/api/v1/namespaces/kube-system/configmaps/aws-auth', 200],
  ['the handler may not read the VPC CNI ConfigMap', 'handler', '/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni', 403],
] as const)('%s', async (_, who, path, status) => {
  const token = await buildEksToken({ clusterName: env.clusterName, region: env.region, credentials: s.principals[who] });
  expect(await get(path, token)).toBe(status);
});

test('a token for another cluster is refused', async () => {
  const token = await buildEksToken({ clusterName: 'eks-access-prod', region: env.region, credentials: s.principals.operator });
  expect(await get('/api/v1/namespaces/kube-system/configmaps/aws-auth', token)).toBe(401);
});

test('close removes the temp folder and may be called twice', async () => {
  const other = await startSandbox({ env });
  expect(existsSync(other.tempDir)).toBe(true);
  await Promise.all([other.close(), other.close()]);
  expect(existsSync(other.tempDir)).toBe(false);
});
