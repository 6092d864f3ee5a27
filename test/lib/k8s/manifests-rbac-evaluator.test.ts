/**
 * The generated RBAC, evaluated as the Kubernetes RBAC authorizer evaluates it (the stand-in
 * lib/sandbox/rbac-authorizer.ts RbacEvaluator): for a declared set built by the app's own
 * builders, every request the manifests handler makes is allowed for the provider's own user
 * (the username of its access entry), with the attributes the API server authorizes it with (patch.go: an apply
 * that creates is `create` with the URI's name; escalation_check.go: `escalate` with the role's
 * name and namespace, `bind` with the roleRef's name in the binding's namespace); and nothing
 * next to it is, nor is anything of it for the user of another provider on the same cluster.
 */
import { manifestsUsername } from '../../../lambda/manifests/api';
import { BUILTIN_KINDS } from '../../../lambda/manifests/core/kinds';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import { manifestsRbac } from '../../../lib/k8s/manifests-rbac';
import { namespaceBaseline } from '../../../lib/k8s/namespace-baseline';
import { developerRbac, readerRbac } from '../../../lib/k8s/rbac';
import { serviceAccountManifest } from '../../../lib/k8s/service-account';
import { RbacEvaluator } from '../../../lib/sandbox/rbac-authorizer';
import type { RbacObject, RbacRequest } from '../../../lib/sandbox/rbac-authorizer';
import { namespaceConfig } from '../../config-fixtures';

const RBAC = 'rbac.authorization.k8s.io';
/** What Kubernetes sees for the function: its access entry's username, and the group every authenticated user has. */
const FUNCTION = { user: manifestsUsername('access-dev-rbac'), groups: ['system:authenticated'] };
/** The function of the other provider on the cluster (the Workloads stack's). */
const OTHER_PROVIDER = { user: manifestsUsername('workloads-dev-rbac'), groups: ['system:authenticated'] };

const baseline = namespaceBaseline(namespaceConfig('team-a'), { kubernetesVersion: '1.35', vpcCidrs: ['10.0.0.0/16'] });
const viewers: KubernetesObject = {
  apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'viewers', namespace: 'team-a' },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'viewers' }],
};
const OBJECTS: KubernetesObject[] = [
  baseline.namespace,
  ...baseline.dependents,
  ...developerRbac('team-a'),
  ...readerRbac(),
  serviceAccountManifest('team-a', 'app', 'arn:aws:iam::123456789012:role/app'),
  viewers,
];
const PATCHES: KubernetesObject[] = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'aws-node', namespace: 'kube-system' }, automountServiceAccountToken: true },
];

// Generated inside the tests (not at load), so that a generator that throws fails them one by one.
let generated: RbacEvaluator | undefined;
const evaluator = (): RbacEvaluator => (generated ??= new RbacEvaluator(
  manifestsRbac({ name: 'eks-access-manifests-test', username: FUNCTION.user, objects: OBJECTS, patches: PATCHES }) as unknown as RbacObject[]));

/** What the REST path of a declared object names: API group, resource, namespace, name. */
function target(o: KubernetesObject): Omit<RbacRequest, 'user' | 'groups' | 'verb'> {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  const kind = BUILTIN_KINDS.find((k) => k.group === group && k.kind === o.kind);
  if (!kind) throw new Error(`not a built-in kind: ${o.kind}`);
  return { apiGroup: group, resource: kind.resource, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
}
const describe_ = (r: Omit<RbacRequest, 'user' | 'groups'>) => `${r.verb} ${r.apiGroup || 'core'}/${r.resource}${r.subresource ? `/${r.subresource}` : ''} ${r.namespace ?? '(cluster)'}/${r.name ?? '(no name)'}`;
const allowed = (r: Omit<RbacRequest, 'user' | 'groups'>) => evaluator().authorize({ ...FUNCTION, ...r }).allowed;

/** Every request the handler makes for the declared set. */
function handlerRequests(): Array<Omit<RbacRequest, 'user' | 'groups'>> {
  const requests: Array<Omit<RbacRequest, 'user' | 'groups'>> = [];
  for (const o of OBJECTS) {
    // Read before the apply, the apply (patch; create when new), delete on Update/Delete.
    for (const verb of ['get', 'patch', 'create', 'delete']) requests.push({ verb, ...target(o) });
    if (o.kind === 'Role' || o.kind === 'ClusterRole') requests.push({ verb: 'escalate', ...target(o) });
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      const ref = o.roleRef as { kind: string; name: string };
      requests.push({ verb: 'bind', apiGroup: RBAC, resource: ref.kind === 'Role' ? 'roles' : 'clusterroles', name: ref.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) });
    }
  }
  for (const p of PATCHES) for (const verb of ['get', 'patch']) requests.push({ verb, ...target(p) });
  return requests;
}

test('the declared set covers namespaces, quotas, limit ranges, network policies, roles, bindings and service accounts', () => {
  expect([...new Set(OBJECTS.map((o) => o.kind))].sort()).toEqual([
    'ClusterRole', 'ClusterRoleBinding', 'LimitRange', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'Role', 'RoleBinding', 'ServiceAccount',
  ]);
  expect(handlerRequests()).toHaveLength(OBJECTS.length * 4 + 2 + 3 + PATCHES.length * 2);
});

test('every request the handler makes for the declared set is allowed for the provider\'s own user', () => {
  const denied = handlerRequests().filter((r) => !allowed(r)).map(describe_);
  expect(denied).toEqual([]);
});

test('nobody else gets anything from it: the same requests from a user outside the group are denied', () => {
  const outsider = handlerRequests().filter((r) => evaluator().authorize({ user: 'someone', groups: ['system:authenticated'], ...r }).allowed).map(describe_);
  expect(outsider).toEqual([]);
});

test.each<[string, Omit<RbacRequest, 'user' | 'groups'>]>([
  ['another name of a declared kind', { verb: 'get', apiGroup: '', resource: 'serviceaccounts', namespace: 'team-a', name: 'other' }],
  ['another namespace\'s object of the same kind and another name', { verb: 'delete', apiGroup: 'networking.k8s.io', resource: 'networkpolicies', namespace: 'kube-system', name: 'allow-all' }],
  ['a Secret named like a declared ServiceAccount', { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'team-a', name: 'app' }],
  ['any Secret', { verb: 'create', apiGroup: '', resource: 'secrets', namespace: 'team-a', name: 'token' }],
  ['pods/exec', { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', namespace: 'team-a', name: 'app' }],
  ['list of a declared kind', { verb: 'list', apiGroup: '', resource: 'namespaces' }],
  ['watch of a declared kind in its namespace', { verb: 'watch', apiGroup: RBAC, resource: 'roles', namespace: 'team-a' }],
  ['create without a name (a POST to the collection)', { verb: 'create', apiGroup: '', resource: 'namespaces' }],
  ['update (PUT) of a declared object', { verb: 'update', apiGroup: '', resource: 'namespaces', name: 'team-a' }],
  ['delete of a patched object', { verb: 'delete', apiGroup: '', resource: 'serviceaccounts', namespace: 'kube-system', name: 'aws-node' }],
  ['create of a patched object', { verb: 'create', apiGroup: '', resource: 'serviceaccounts', namespace: 'kube-system', name: 'aws-node' }],
  ['bind of cluster-admin', { verb: 'bind', apiGroup: RBAC, resource: 'clusterroles', name: 'cluster-admin' }],
  ['escalate of a role it binds but does not manage (view)', { verb: 'escalate', apiGroup: RBAC, resource: 'clusterroles', name: 'view' }],
  ['patch of a role it binds but does not manage (view)', { verb: 'patch', apiGroup: RBAC, resource: 'clusterroles', name: 'view' }],
  ['escalate of another role', { verb: 'escalate', apiGroup: RBAC, resource: 'roles', namespace: 'team-a', name: 'admin' }],
  ['its own ClusterRole (the bootstrap applies it, never the function)', { verb: 'patch', apiGroup: RBAC, resource: 'clusterroles', name: 'eks-access-manifests-test' }],
  ['its own binding', { verb: 'delete', apiGroup: RBAC, resource: 'clusterrolebindings', name: 'eks-access-manifests-test' }],
  ['a declared name under another API group', { verb: 'get', apiGroup: 'apps', resource: 'deployments', namespace: 'team-a', name: 'app' }],
])('denied: %s', (_, request) => {
  expect(allowed(request)).toBe(false);
});

test('the limit stated in the TSDoc: a declared name is allowed in every namespace (a ClusterRole is not namespace-limited)', () => {
  expect(allowed({ verb: 'get', apiGroup: '', resource: 'serviceaccounts', namespace: 'team-b', name: 'app' })).toBe(true);
});

test('the other provider\'s user (another username on the same cluster) is denied every one of them, as are the session ARN and the old shared group', () => {
  const requests = handlerRequests();
  expect(requests.filter((r) => evaluator().authorize({ ...OTHER_PROVIDER, ...r }).allowed).map(describe_)).toEqual([]);
  const session = { user: 'arn:aws:sts::123456789012:assumed-role/manifests-handler/session', groups: ['system:authenticated'] };
  expect(requests.filter((r) => evaluator().authorize({ ...session, ...r }).allowed).map(describe_)).toEqual([]);
  const sharedGroup = { user: 'someone', groups: ['eks-access:manifests', 'system:authenticated'] };
  expect(requests.filter((r) => evaluator().authorize({ ...sharedGroup, ...r }).allowed).map(describe_)).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
});
