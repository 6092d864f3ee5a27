import { buildEksToken } from '../../../lambda/edge/token';
import { CLUSTER_ADMIN_POLICY_ARN, manifestsUsername } from '../../../lambda/manifests/api';
import { BUILT_IN_KINDS } from '../../support/kube-objects';
import { kubeCaller } from '../../support/kube-call';
import type { KubeCall } from '../../support/kube-call';
import { FUNCTION_ENTRY, RBAC_OWNER, useAccessEntries } from '../../support/manifests-access';
import type { ManifestsHarness } from '../../support/manifests-harness';
import { MANIFESTS_HANDLER_IDENTITY, MANIFESTS_HANDLER_ROLE, startManifestsHarness } from '../../support/manifests-harness';

let h: ManifestsHarness;
let asFunction: KubeCall;
const kind = (k: string) => BUILT_IN_KINDS.find((x) => x.kind === k)!;
const NS = '/api/v1/namespaces/default/serviceaccounts';

beforeEach(async () => {
  h = await startManifestsHarness({ accessEntries: [FUNCTION_ENTRY] });
  const token = await buildEksToken({ clusterName: h.clusterName, region: h.region, credentials: MANIFESTS_HANDLER_IDENTITY });
  asFunction = kubeCaller(h.kube.url, h.kube.caData, () => token);
});
afterEach(async () => {
  await h.close();
});

describe('the manifests function\'s access to the harness cluster', () => {
  test('its entry: the harness\'s role on the harness\'s cluster, the username of its provider\'s owner id, no groups or policies', () => {
    expect(FUNCTION_ENTRY).toEqual({ clusterName: h.clusterName, principalArn: MANIFESTS_HANDLER_ROLE, policies: [], username: manifestsUsername(RBAC_OWNER) });
    expect(FUNCTION_ENTRY.username).toBe('eks-access:manifests:demo-manifests-rbac');
  });

  test('useAccessEntries: nothing without RBAC for that username; the RBAC the stand-in stores counts at each decision; the admin policy allows everything', async () => {
    useAccessEntries(h);
    expect(await asFunction('GET', NS)).toMatchObject({ status: 403, json: { reason: 'Forbidden' } });
    h.kube.objects.write(kind('ClusterRole'), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['list'] }] });
    h.kube.objects.write(kind('ClusterRoleBinding'), {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: FUNCTION_ENTRY.username! }],
    });
    expect((await asFunction('GET', NS)).status).toBe(200);
    expect((await asFunction('DELETE', '/api/v1/namespaces/team')).status).toBe(403);
    h.aws.accessEntries[0] = { ...FUNCTION_ENTRY, policies: [{ policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: 'cluster' } }] };
    expect((await asFunction('GET', '/api/v1/namespaces/kube-system/configmaps')).status).toBe(200);
  });
});
