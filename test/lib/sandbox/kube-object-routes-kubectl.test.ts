/**
 * The stand-in's server-side apply checked with the real kubectl (Debian package
 * kubernetes-client): `kubectl apply --server-side` creates, re-applies, conflicts and forces,
 * `kubectl get` reads with a label selector, `kubectl delete` removes; with `--dry-run=server`
 * apply and delete print what they would do and `kubectl get` then finds nothing changed. If
 * kubectl accepts the answers, they have the real shape.
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

  test('--dry-run=server: apply and delete answer as the real ones would, and kubectl get then finds nothing changed', async () => {
    const ledger = (value: string): object[] => [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ledger', labels } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: 'ledger', labels }, automountServiceAccountToken: value === 'on' },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'ledger', labels: { ...labels, mode: value } },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
      },
    ];
    const ssa = ['apply', '--server-side', '--validate=false', '--field-manager=eks-access'];
    const first = manifest('ledger-on.json', ledger('on'));
    // The namespace is not created by a dry run, so the objects in it are refused as a real server refuses them.
    expect(await kubectl(...ssa, '--dry-run=server', '-f', first)).toMatchObject({
      code: 1,
      stdout: 'namespace/ledger serverside-applied (server dry run)\n',
      stderr: expect.stringContaining('namespaces "ledger" not found'),
    });
    expect(await kubectl('get', 'namespace', 'ledger')).toMatchObject({ code: 1, stderr: expect.stringContaining('namespaces "ledger" not found') });
    const printed = await kubectl(...ssa, '--dry-run=server', '-f', manifest('ns.json', ledger('on').slice(0, 1)), '-o', 'json');
    expect(printed.code).toBe(0);
    const shown = JSON.parse(printed.stdout) as { metadata: Record<string, unknown>; status: object };
    expect(shown.metadata).toMatchObject({ name: 'ledger', uid: expect.stringMatching(/^[0-9a-f-]{36}$/), creationTimestamp: expect.any(String) });
    expect(shown.metadata).not.toHaveProperty('resourceVersion');
    expect(shown.status).toEqual({ phase: 'Active' });

    expect(await kubectl(...ssa, '-f', first)).toMatchObject({ code: 0 });
    const before = await kubectl('get', 'namespace,serviceaccount,role', '-n', 'ledger', '-l', 'eks-access.io/owner=o1', '-o', 'json', '--show-managed-fields');
    expect(before.code).toBe(0);
    const after = async (): Promise<string> => (await kubectl('get', 'namespace,serviceaccount,role', '-n', 'ledger', '-l', 'eks-access.io/owner=o1', '-o', 'json', '--show-managed-fields')).stdout;

    const changed = manifest('ledger-off.json', ledger('off'));
    expect(await kubectl(...ssa, '--dry-run=server', '-f', changed)).toMatchObject({
      code: 0,
      stdout: 'namespace/ledger serverside-applied (server dry run)\nserviceaccount/app serverside-applied (server dry run)\nrole.rbac.authorization.k8s.io/reader serverside-applied (server dry run)\n',
    });
    const conflict = await kubectl('apply', '--server-side', '--validate=false', '--field-manager=someone', '--dry-run=server', '-f', manifest('sa.json', ledger('off').slice(1, 2)));
    expect(conflict).toMatchObject({ code: 1, stderr: expect.stringContaining('Apply failed with 1 conflict: conflict with "eks-access": .automountServiceAccountToken') });
    expect(await kubectl('delete', 'role', 'reader', '-n', 'ledger', '--dry-run=server')).toMatchObject({ code: 0, stdout: 'role.rbac.authorization.k8s.io "reader" deleted (server dry run)\n' });
    expect(await kubectl('delete', 'namespace', 'ledger', '--dry-run=server')).toMatchObject({ code: 0, stdout: 'namespace "ledger" deleted (server dry run)\n' });
    expect(await after()).toBe(before.stdout);
    expect(await kubectl('get', 'namespace', 'ledger', '-o', 'jsonpath={.status.phase}')).toMatchObject({ code: 0, stdout: 'Active' });
  });
});
