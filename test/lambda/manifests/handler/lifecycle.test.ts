/**
 * Create, a no-op second run, and Delete of the app's kinds through the real handler against
 * the HTTPS stand-in (SigV4 tokens, server-side apply), with exact outcomes and request logs.
 */
import { MANAGED_BY_LABEL, OWNER_LABEL } from '../../../../lambda/manifests/api';
import { OWNER, configMap, harnessPerTest, managers, namespace, networkPolicy, role, roleBinding, run, serviceAccount, stored } from './support';

const start = harnessPerTest();

const APP = [
  roleBinding('team-a', 'readers', 'reader'),
  networkPolicy('team-a', 'default-deny'),
  role('team-a', 'reader'),
  configMap('team-a', 'settings', { mode: 'strict' }),
  serviceAccount('team-a', 'app'),
  namespace('team-a'),
];

describe('manifests handler: create', () => {
  test('applies namespace first, then the core kinds, roles before bindings, and reports each object', async () => {
    const h = await start();
    const result = await run(h, 'Create', { owner: OWNER, objects: APP });
    expect(result).toEqual({
      PhysicalResourceId: `manifests/demo/${OWNER}`,
      Data: {
        Created: '6', Changed: '0', Unchanged: '0', Deleted: '0',
        Summary: 'created 6: Namespace team-a, ConfigMap team-a/settings, ServiceAccount team-a/app, Role team-a/reader, RoleBinding team-a/readers, NetworkPolicy team-a/default-deny',
      },
    });
    expect(h.requestLog().filter((l) => l.startsWith('PATCH'))).toEqual([
      'PATCH /api/v1/namespaces/team-a 201',
      'PATCH /api/v1/namespaces/team-a/configmaps/settings 201',
      'PATCH /api/v1/namespaces/team-a/serviceaccounts/app 201',
      'PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles/reader 201',
      'PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings/readers 201',
      'PATCH /apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies/default-deny 201',
    ]);
    const cm = stored(h, 'ConfigMap', 'team-a', 'settings');
    expect(cm?.metadata.labels).toEqual({ [MANAGED_BY_LABEL]: 'eks-access', [OWNER_LABEL]: OWNER });
    expect(managers(cm)).toEqual(['eks-access Apply']);
  });
});
