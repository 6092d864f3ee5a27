/**
 * The kube stand-in checked with the real kubectl (Debian package kubernetes-client):
 * discovery, get, create, replace and patch of a ConfigMap over TLS with the test CA and a
 * token from buildEksToken. If kubectl accepts the stand-in's answers, they have the real shape.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import { describeWithTool } from '../../support/real-tools';
import type { KubectlResult } from '../../support/kubectl-run';
import { runKubectl } from '../../support/kubectl-run';

const CLUSTER = 'prod';
const REGION = 'eu-west-1';

describeWithTool('kubectl', 'kubernetes-client')('kubectl against the kube stand-in', () => {
  let server: KubeApiServerHandle;
  let dir: string;

  beforeAll(async () => {
    server = await startKubeApiServer({ clusterName: CLUSTER, region: REGION, identities: [TEST_IDENTITIES.handler] });
    dir = mkdtempSync(join(tmpdir(), 'kubectl-standin-'));
    writeFileSync(join(dir, 'ca.pem'), Buffer.from(server.caData, 'base64'));
    writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function kubectl(args: string[], token?: string): Promise<KubectlResult> {
    const bearer = token ?? await buildEksToken({ clusterName: CLUSTER, region: REGION, credentials: TEST_IDENTITIES.handler });
    return runKubectl(server.url, dir, bearer, args);
  }

  test('create, get, replace, patch and a stale replace', async () => {
    const file = join(dir, 'cm.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: { mapRoles: '- rolearn: a\n' } }));
    const created = await kubectl(['create', '--validate=false', '-f', file]);
    expect(created).toMatchObject({ code: 0, stdout: 'configmap/aws-auth created\n' });

    const got = await kubectl(['get', 'configmap', 'aws-auth', '-n', 'kube-system', '-o', 'json']);
    expect(got.code).toBe(0);
    const obj = JSON.parse(got.stdout) as { metadata: { resourceVersion: string; uid: string }; data: Record<string, string> };
    expect(obj.data).toEqual({ mapRoles: '- rolearn: a\n' });

    writeFileSync(file, JSON.stringify({ ...obj, data: { mapRoles: '- rolearn: b\n' } }));
    const replaced = await kubectl(['replace', '--validate=false', '-f', file]);
    expect(replaced).toMatchObject({ code: 0, stdout: 'configmap/aws-auth replaced\n' });
    expect(server.store.get('kube-system', 'aws-auth')?.data).toEqual({ mapRoles: '- rolearn: b\n' });

    const stale = await kubectl(['replace', '--validate=false', '-f', file]);
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/the object has been modified/);

    const merged = await kubectl(['patch', 'configmap', 'aws-auth', '-n', 'kube-system', '--type', 'merge', '-p', '{"data":{"mapUsers":"[]"}}']);
    expect(merged).toMatchObject({ code: 0, stdout: 'configmap/aws-auth patched\n' });
    const strategic = await kubectl(['patch', 'configmap', 'aws-auth', '-n', 'kube-system', '-p', '{"metadata":{"labels":{"team":"platform"}}}']);
    expect(strategic).toMatchObject({ code: 0, stdout: 'configmap/aws-auth patched\n' });
    const final = server.store.get('kube-system', 'aws-auth');
    expect(final?.data).toEqual({ mapRoles: '- rolearn: b\n', mapUsers: '[]' });
    expect(final?.metadata.labels).toEqual({ team: 'platform' });

    const again = await kubectl(['create', '--validate=false', '-f', file]);
    expect(again.stderr).toMatch(/AlreadyExists|already exists/);
    const missing = await kubectl(['get', 'configmap', 'nope', '-n', 'kube-system', '-o', 'json']);
    expect(missing.stderr).toMatch(/NotFound|not found/);
  });

  test('a token for another cluster is refused', async () => {
    const other = await buildEksToken({ clusterName: 'staging', region: REGION, credentials: TEST_IDENTITIES.handler });
    const out = await kubectl(['get', 'configmap', 'aws-auth', '-n', 'kube-system', '-o', 'json'], other);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/Unauthorized|must be logged in/);
  });
});
