/** Kinds resolved from a discovery APIResourceList, and the errors for a kind the server does not serve. */
import { ManifestInputError, ManifestKindError } from '../../../../lambda/manifests/core/errors';
import { groupVersionNotServed, kindFromDiscovery } from '../../../../lambda/manifests/core/kinds';
import { thrown } from '../../../support/thrown';


/** Shaped as `GET /apis/apps/v1` answers (names, kinds, scopes and verbs; subresources listed too). */
const APPS_V1 = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'apps/v1',
  resources: [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
    { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    { name: 'daemonsets', singularName: 'daemonset', namespaced: true, kind: 'DaemonSet', verbs: ['get', 'patch'] },
  ],
};

const CORE_V1 = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get'] },
    { name: 'nodes', namespaced: false, kind: 'Node', verbs: ['get', 'list', 'patch'] },
    { name: 'bindings', namespaced: true, kind: 'Binding', verbs: ['create'] },
    { name: 'componentstatuses', namespaced: false, kind: 'ComponentStatus' },
    { name: 'pods', namespaced: true, kind: 'Pod', verbs: ['get', 'patch'] },
  ],
};

describe('kindFromDiscovery', () => {
  test('a served kind: group and version from the apiVersion, resource and scope from the list', () => {
    expect(kindFromDiscovery('apps/v1', 'Deployment', APPS_V1)).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true });
    expect(kindFromDiscovery('v1', 'Node', CORE_V1)).toEqual({ group: '', version: 'v1', kind: 'Node', resource: 'nodes', namespaced: false });
  });

  test('a subresource of the same kind is never the resource (pods/log comes first, pods is chosen)', () => {
    expect(kindFromDiscovery('v1', 'Pod', CORE_V1).resource).toBe('pods');
  });

  test('a kind that only a subresource lists is not served', () => {
    const e = thrown(() => kindFromDiscovery('apps/v1', 'Scale', APPS_V1));
    expect(e).toBeInstanceOf(ManifestKindError);
    expect(e?.message).toBe('kind Scale of apiVersion apps/v1 is not served by the cluster: GET /apis/apps/v1 offers DaemonSet, Deployment; fix the kind or apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
  });

  test('a kind is matched case-sensitively, and the message lists each offered kind once, sorted', () => {
    const e = thrown(() => kindFromDiscovery('v1', 'pod', CORE_V1));
    expect(e?.message).toBe('kind pod of apiVersion v1 is not served by the cluster: GET /api/v1 offers Binding, ComponentStatus, Node, Pod; fix the kind or apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
  });

  test('an empty list offers no kinds', () => {
    const e = thrown(() => kindFromDiscovery('example.com/v1', 'Widget', { kind: 'APIResourceList', groupVersion: 'example.com/v1', resources: [] }));
    expect(e?.message).toBe('kind Widget of apiVersion example.com/v1 is not served by the cluster: GET /apis/example.com/v1 offers no kinds; fix the kind or apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
  });

  test('a kind served without patch cannot be applied', () => {
    const e = thrown(() => kindFromDiscovery('v1', 'Binding', CORE_V1));
    expect(e).toBeInstanceOf(ManifestKindError);
    expect(e?.message).toBe('kind Binding of apiVersion v1 is served as bindings without the patch verb (verbs: create), and server-side apply is a PATCH; manage this kind another way');
  });

  test('non-string verbs and kinds are not listed', () => {
    const list = { resources: [{ name: 'gadgets', kind: 'Gadget', verbs: ['get', 3, 'list'] }, { name: 'odd', kind: 7, verbs: ['patch'] }] };
    expect(thrown(() => kindFromDiscovery('example.com/v1', 'Gadget', list))?.message).toBe('kind Gadget of apiVersion example.com/v1 is served as gadgets without the patch verb (verbs: get, list), and server-side apply is a PATCH; manage this kind another way');
    expect(thrown(() => kindFromDiscovery('example.com/v1', 'Widget', list))?.message).toBe('kind Widget of apiVersion example.com/v1 is not served by the cluster: GET /apis/example.com/v1 offers Gadget; fix the kind or apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
  });

  test('a kind served with no verbs listed', () => {
    const e = thrown(() => kindFromDiscovery('v1', 'ComponentStatus', CORE_V1));
    expect(e?.message).toBe('kind ComponentStatus of apiVersion v1 is served as componentstatuses without the patch verb (verbs: none), and server-side apply is a PATCH; manage this kind another way');
  });

  test('malformed entries are skipped: non-objects, missing names or kinds, non-string verbs; namespaced only when true', () => {
    const list = {
      resources: [null, 'x', ['y'], { kind: 'Widget' }, { name: 'widgets' }, { name: 7, kind: 'Widget' },
        { name: 'widgets', kind: 'Widget', namespaced: 'true', verbs: ['patch', 3, null] }],
    };
    expect(kindFromDiscovery('example.com/v1', 'Widget', list)).toEqual({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: false });
    const e = thrown(() => kindFromDiscovery('example.com/v1', 'Gadget', { resources: [{ name: 'gadgets', kind: 'Gadget', verbs: 'patch' }] }));
    expect(e?.message).toBe('kind Gadget of apiVersion example.com/v1 is served as gadgets without the patch verb (verbs: none), and server-side apply is a PATCH; manage this kind another way');
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['a list', []],
    ['a string', 'APIResourceList'],
    ['an object without resources', { kind: 'APIResourceList' }],
    ['resources that are not a list', { resources: { pods: {} } }],
  ])('a discovery document that is %s is refused', (_name, list) => {
    const e = thrown(() => kindFromDiscovery('apps/v1', 'Deployment', list));
    expect(e).toBeInstanceOf(ManifestKindError);
    expect(e?.message).toBe('the discovery document of GET /apis/apps/v1 is not an APIResourceList (no resources list); check that the endpoint is a Kubernetes API server');
  });

  test('a malformed apiVersion is an input error', () => {
    const e = thrown(() => kindFromDiscovery('Apps/v1', 'Deployment', APPS_V1));
    expect(e).toBeInstanceOf(ManifestInputError);
    expect(e?.message).toBe('apiVersion "Apps/v1" is not "v1" or "<group>/<version>"; fix the apiVersion');
  });
});

describe('groupVersionNotServed', () => {
  test('names the kind, the apiVersion and the discovery path that answered 404', () => {
    const e = groupVersionNotServed('example.com/v1', 'Widget');
    expect(e).toBeInstanceOf(ManifestKindError);
    expect(e.message).toBe('kind Widget of apiVersion example.com/v1 is not served by the cluster: GET /apis/example.com/v1 answered 404 (the cluster serves no such group version); fix the apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
  });
});
