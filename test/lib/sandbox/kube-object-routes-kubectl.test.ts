/**
 * The stand-in's server-side apply checked with the real kubectl (Debian package
 * kubernetes-client): `kubectl apply --server-side` creates, re-applies, conflicts and forces,
 * `kubectl get` reads with a label selector, `kubectl delete` removes. If kubectl accepts the
 * answers, they have the real shape.
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


describeWithTool('kubectl', 'kubernetes-client')('kubectl apply --server-side against the kube stand-in', () => {
  let server: KubeApiServerHandle;
  let dir: string;

  beforeAll(async () => {
    server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler], namespaceTerminationDelay: 'manual' });
    dir = mkdtempSync(join(tmpdir(), 'kubectl-ssa-'));
    writeFileSync(join(dir, 'ca.pem'), Buffer.from(server.caData, 'base64'));
    writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function kubectl(...args: string[]): Promise<KubectlResult> {
    const token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
    return runKubectl(server.url, dir, token, args);
  }

  function manifest(name: string, objects: object[]): string {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    return file;
  }

  const labels = { 'app.kubernetes.io/managed-by': 'eks-access', 'eks-access.io/owner': 'o1' };
  const objects = (value: string): object[] => [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments', labels } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'payments', labels }, data: { key: value } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'payments', labels },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    },
  ];

  test('apply, re-apply, conflict, force, get with a selector, delete', async () => {
    const first = manifest('v1.json', objects('v'));
    expect(await kubectl('apply', '--server-side', '--validate=false', '--field-manager=eks-access', '-f', first)).toMatchObject({
      code: 0, stdout: 'namespace/payments serverside-applied\nconfigmap/settings serverside-applied\nrole.rbac.authorization.k8s.io/reader serverside-applied\n',
    });
    const rv = server.objects.get(server.objects.kindAt('', 'v1', 'configmaps')!, 'payments', 'settings')!.metadata;
    expect((await kubectl('apply', '--server-side', '--validate=false', '--field-manager=eks-access', '-f', first)).code).toBe(0);
    expect(server.objects.get(server.objects.kindAt('', 'v1', 'configmaps')!, 'payments', 'settings')!.metadata).toEqual(rv);

    const other = manifest('other.json', objects('w').slice(1, 2));
    const refused = await kubectl('apply', '--server-side', '--validate=false', '--field-manager=someone', '-f', other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "eks-access": .data.key');
    expect((await kubectl('apply', '--server-side', '--validate=false', '--field-manager=someone', '--force-conflicts', '-f', other)).code).toBe(0);

    server.seed({ metadata: { name: 'unlabeled', namespace: 'payments' }, data: { key: 'x' } });
    const got = await kubectl('get', 'configmaps', '-n', 'payments', '-l', 'eks-access.io/owner=o1', '-o', 'json', '--show-managed-fields');
    expect(got.code).toBe(0);
    const list = JSON.parse(got.stdout) as { items: Array<{ data: Record<string, string>; metadata: { managedFields: Array<{ manager: string }> } }> };
    expect(list.items.map((i) => [i.data.key, i.metadata.managedFields.map((m) => m.manager)])).toEqual([['w', ['eks-access', 'someone']]]);

    expect(await kubectl('delete', 'role', 'reader', '-n', 'payments')).toMatchObject({ code: 0, stdout: 'role.rbac.authorization.k8s.io "reader" deleted\n' });
    expect(await kubectl('get', 'role', 'reader', '-n', 'payments')).toMatchObject({ code: 1, stderr: expect.stringContaining('roles.rbac.authorization.k8s.io "reader" not found') });
    expect(await kubectl('delete', 'namespace', 'payments', '--wait=false')).toMatchObject({ code: 0, stdout: 'namespace "payments" deleted\n' });
    const terminating = await kubectl('get', 'namespace', 'payments', '-o', 'jsonpath={.status.phase}');
    expect(terminating).toMatchObject({ code: 0, stdout: 'Terminating' });
  });
});
