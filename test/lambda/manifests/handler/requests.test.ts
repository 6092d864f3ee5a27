/**
 * Request counts per operation, the figures for the README: Kubernetes requests (every attempt)
 * and AWS requests of one invocation, for a small set of the app's kinds (a namespace, a
 * ConfigMap, a Role and its RoleBinding).
 */
import { NAMESPACE_DELETE, NAMESPACE_ON_DELETE_ANNOTATION, manifestsUsername } from '../../../../lambda/manifests/api';
import { manifestsRbac } from '../../../../lib/k8s/manifests-rbac';
import type { ManifestsHarness } from '../../../support/manifests-harness';
import { FUNCTION_ENTRY, OWNER, RBAC_OWNER, asDeployer, configMap, harnessPerTest, namespace, role, roleBinding, run, useAccessEntries } from './support';

const start = harnessPerTest();
const SET = [namespace('team-a'), configMap('team-a', 'settings', { a: '1' }), role('team-a', 'reader'), roleBinding('team-a', 'readers', 'reader')];

/** Kubernetes and AWS requests of `f`. */
async function counted(h: ManifestsHarness, f: () => Promise<unknown>): Promise<{ kube: number; aws: string[] }> {
  const [k, a] = [h.kube.requests.length, h.aws.requests.length];
  await f();
  return { kube: h.kube.requests.length - k, aws: h.aws.requests.slice(a).map((r) => r.operation) };
}

describe('manifests handler: requests per operation', () => {
  test('Create, a no-op Update, a one-field change, an adoption and Delete of 4 objects', async () => {
    const h = await start({ deps: { pollMs: 5 } });
    const changed = [SET[0], configMap('team-a', 'settings', { a: '2' }), SET[2], SET[3]];
    expect(await counted(h, () => run(h, 'Create', { owner: OWNER, objects: SET }))).toEqual({ kube: 8, aws: ['DescribeCluster'] });
    expect(await counted(h, () => run(h, 'Update', { owner: OWNER, objects: SET }, { owner: OWNER, objects: SET }))).toEqual({ kube: 8, aws: ['DescribeCluster'] });
    expect(await counted(h, () => run(h, 'Update', { owner: OWNER, objects: changed }, { owner: OWNER, objects: SET }))).toEqual({ kube: 8, aws: ['DescribeCluster'] });
    // Delete: 2 per object (read, delete), the namespace released (read, apply).
    expect(await counted(h, () => run(h, 'Delete', { owner: OWNER, objects: changed }))).toEqual({ kube: 8, aws: ['DescribeCluster'] });

    // An object kubectl left: read, apply, and one merge patch removing its leftovers.
    const deployer = await asDeployer(h);
    await deployer('POST', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply', {
      metadata: { name: 'old', namespace: 'default', labels: { 'aws.cdk.eks/prune-c8': '' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, data: {},
    });
    expect(await counted(h, () => run(h, 'Create', { owner: 'adopter', objects: [configMap('default', 'old', {})] }))).toEqual({ kube: 3, aws: ['DescribeCluster'] });
  });

  test('deleting a namespace: read, delete, then one read per pause until it is gone', async () => {
    let pauses = 0;
    const h: ManifestsHarness = await start({
      namespaceTerminationDelay: 'manual',
      deps: { pollMs: 5, sleep: async () => { if (++pauses === 2) h.kube.objects.finishNamespaceDeletion('team-a'); } },
    });
    const objects = [namespace('team-a', { [NAMESPACE_ON_DELETE_ANNOTATION]: NAMESPACE_DELETE })];
    await run(h, 'Create', { owner: OWNER, objects });
    const since = h.kube.requests.length;
    expect(await counted(h, () => run(h, 'Delete', { owner: OWNER, objects }))).toEqual({ kube: 5, aws: ['DescribeCluster'] });
    expect(h.requestLog(since)).toEqual([
      'GET /api/v1/namespaces/team-a 200', 'DELETE /api/v1/namespaces/team-a 200',
      'GET /api/v1/namespaces/team-a 200', 'GET /api/v1/namespaces/team-a 200', 'GET /api/v1/namespaces/team-a 404',
    ]);
  });

  test('the RBAC bootstrap: one access review and 2 requests per object inside the window; 5 EKS requests', async () => {
    const h = await start({ accessEntries: [FUNCTION_ENTRY] });
    useAccessEntries(h);
    const objects = manifestsRbac({ name: 'eks-access-manifests', username: manifestsUsername(RBAC_OWNER), objects: SET });
    expect(await counted(h, () => h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects })))).toEqual({
      kube: 5, aws: ['DescribeCluster', 'ListAssociatedAccessPolicies', 'AssociateAccessPolicy', 'DisassociateAccessPolicy', 'ListAssociatedAccessPolicies'],
    });
  });
});
