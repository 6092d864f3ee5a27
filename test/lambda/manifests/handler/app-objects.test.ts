/**
 * The dev environment's own objects, built by the lib/k8s builders from lib/config (namespace
 * baselines with quota, limit range and network policies, developer and reader RBAC): one
 * resource applies them all in dependency order, and a second run leaves every one unchanged.
 * The request counts are the README's figures for the dev environment.
 */
import { ENVIRONMENTS } from '../../../../lib/config/environments';
import { vpcCidrs } from '../../../../lib/config/vpc-cidrs';
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import { namespaceBaseline } from '../../../../lib/k8s/namespace-baseline';
import { developerRbac, readerRbac } from '../../../../lib/k8s/rbac';
import { OWNER, harnessPerTest, run } from './support';

const start = harnessPerTest();

function devObjects(): KubernetesObject[] {
  const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
  const cluster = { kubernetesVersion: dev.kubernetesVersion, vpcCidrs: vpcCidrs(dev.vpc) };
  return [
    ...dev.namespaces.flatMap((ns) => {
      const baseline = namespaceBaseline(ns, cluster);
      return [baseline.namespace, ...baseline.dependents, ...(ns.developerAccess === false ? [] : developerRbac(ns.name))];
    }),
    ...readerRbac(),
  ];
}

describe('manifests handler: the dev environment\'s objects', () => {
  test('applied in dependency order with one read and one apply each; a second run changes nothing', async () => {
    const h = await start();
    const objects = devObjects();
    // 3 namespaces with quota, limit range and 3-4 network policies, 2 developer Role/RoleBinding pairs, the reader pair.
    expect(objects).toHaveLength(25);
    const created = await run(h, 'Create', { owner: OWNER, objects });
    expect(created.Data).toMatchObject({ Created: String(objects.length), Changed: '0', Unchanged: '0', Deleted: '0' });
    const patches = h.requestLog().filter((l) => l.startsWith('PATCH'));
    expect(patches).toHaveLength(objects.length);
    expect(h.kube.requests).toHaveLength(2 * objects.length);
    // Namespaces first, bindings after roles, network policies last.
    const kinds = patches.map((l) => l.split(' ')[1].split('/').slice(-2)[0]);
    const first = (k: string): number => kinds.indexOf(k);
    const last = (k: string): number => kinds.lastIndexOf(k);
    expect(last('namespaces')).toBeLessThan(first('resourcequotas'));
    expect(last('roles')).toBeLessThan(first('rolebindings'));
    expect(last('clusterroles')).toBeLessThan(first('clusterrolebindings'));
    expect(last('rolebindings')).toBeLessThan(first('networkpolicies'));

    const since = h.kube.requests.length;
    const again = await run(h, 'Update', { owner: OWNER, objects }, { owner: OWNER, objects });
    expect(again.Data).toEqual({ Created: '0', Changed: '0', Unchanged: String(objects.length), Deleted: '0', Summary: `unchanged ${objects.length}` });
    expect(h.kube.requests.length - since).toBe(2 * objects.length);
    expect(new Set(kinds)).toEqual(new Set(['namespaces', 'resourcequotas', 'limitranges', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings', 'networkpolicies']));
  });
});
