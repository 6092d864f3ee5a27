/**
 * The real kubectl (Debian package kubernetes-client) on both sides of the migration: it creates
 * an object with client-side `kubectl apply` as CDK's kubectl provider does (prune label,
 * last-applied annotation), the handler adopts it, and `kubectl get` reads back what the handler
 * wrote: manager eks-access with operation Apply, the ownership labels, no kubectl leftovers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEksToken } from '../../../../lambda/edge/token';
import { MANAGED_BY_LABEL, OWNER_LABEL } from '../../../../lambda/manifests/api';
import { CDK_PRUNE_LABEL_PREFIX, LAST_APPLIED_ANNOTATION } from '../../../../lambda/manifests/core/kubectl-leftovers';
import { ADOPTED_ANNOTATION } from '../../../../lambda/manifests/core/adoption';
import { TEST_IDENTITIES } from '../../../support/identities';
import type { KubectlResult } from '../../../support/kubectl-run';
import { runKubectl } from '../../../support/kubectl-run';
import type { ManifestsHarness } from '../../../support/manifests-harness';
import { describeWithTool } from '../../../support/real-tools';
import { OWNER, configMap, harnessPerTest, namespace, run } from './support';

const start = harnessPerTest();
const PRUNE = `${CDK_PRUNE_LABEL_PREFIX}c8a1f0e2d3b4`;

interface ReadBack {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: Array<{ manager: string; operation: string }> };
  data?: Record<string, string>;
}

describeWithTool('kubectl', 'kubernetes-client')('manifests handler with the real kubectl', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubectl-manifests-'));
    writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function kubectl(h: ManifestsHarness, ...args: string[]): Promise<KubectlResult> {
    writeFileSync(join(dir, 'ca.pem'), Buffer.from(h.kube.caData, 'base64'));
    const token = await buildEksToken({ clusterName: h.clusterName, region: h.region, credentials: TEST_IDENTITIES.deployer });
    return runKubectl(h.kube.url, dir, token, args);
  }

  test('kubectl-created objects are adopted; kubectl get shows eks-access Apply and no kubectl leftovers', async () => {
    const h = await start();
    const file = join(dir, 'cdk.json');
    writeFileSync(file, JSON.stringify({
      apiVersion: 'v1', kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { [PRUNE]: '' } } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a', labels: { [PRUNE]: '' } }, data: { mode: 'strict' } },
      ],
    }));
    expect(await kubectl(h, 'apply', '--validate=false', '-f', file)).toMatchObject({ code: 0, stdout: 'namespace/team-a created\nconfigmap/settings created\n' });
    const before = JSON.parse((await kubectl(h, 'get', 'configmap', 'settings', '-n', 'team-a', '-o', 'json', '--show-managed-fields')).stdout) as ReadBack;
    expect(Object.keys(before.metadata.annotations ?? {})).toEqual([LAST_APPLIED_ANNOTATION]);
    expect(before.metadata.managedFields?.map((f) => `${f.manager} ${f.operation}`)).toEqual(['kubectl-client-side-apply Update']);

    const result = await run(h, 'Create', { owner: OWNER, objects: [namespace('team-a'), configMap('team-a', 'settings', { mode: 'strict' })] });
    expect(result.Data).toMatchObject({ Changed: '2', Summary: 'changed 2: Namespace team-a, ConfigMap team-a/settings' });

    for (const args of [['configmap', 'settings', '-n', 'team-a'], ['namespace', 'team-a']]) {
      const got = await kubectl(h, 'get', ...args, '-o', 'json', '--show-managed-fields');
      expect(got.code).toBe(0);
      const obj = JSON.parse(got.stdout) as ReadBack;
      expect(obj.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'eks-access', [OWNER_LABEL]: OWNER });
      expect(Object.keys(obj.metadata.labels ?? {}).filter((k) => k.startsWith(CDK_PRUNE_LABEL_PREFIX))).toEqual([]);
      expect(obj.metadata.annotations ?? {}).toEqual({ [ADOPTED_ANNOTATION]: 'kubectl' });
      expect(obj.metadata.managedFields?.map((f) => `${f.manager} ${f.operation}`)).toContain('eks-access Apply');
    }
    const listed = await kubectl(h, 'get', 'configmaps', '-n', 'team-a', '-l', `${OWNER_LABEL}=${OWNER}`, '-o', 'name');
    expect(listed).toMatchObject({ code: 0, stdout: 'configmap/settings\n' });
  });
});
