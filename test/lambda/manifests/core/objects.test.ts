/** Validation of the declared objects: shapes, names, scopes, server-written fields, duplicates. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { checkScope, validateObjects } from '../../../../lambda/manifests/core/objects';

const OWNER = 'dev-1';
const LABELS = { 'app.kubernetes.io/managed-by': 'eks-access', 'eks-access.io/owner': OWNER };

function failure(items: unknown[]): string | undefined {
  try {
    validateObjects(items, OWNER);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestInputError);
    return (e as Error).message;
  }
}

const cm = (name: string, namespace = 'team-a', extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, ...extra,
});

describe('validateObjects: accepted', () => {
  test('the ids and the bodies with the ownership labels, in the declared order', () => {
    const out = validateObjects([
      cm('settings', 'team-a', { data: { a: '1' } }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aggregate-to-view' }, rules: [] },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team-a' } },
    ], OWNER);
    expect(out.map((o) => o.id)).toStrictEqual([
      { group: '', kind: 'ConfigMap', namespace: 'team-a', name: 'settings' },
      { group: '', kind: 'Namespace', name: 'team-a' },
      { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:aggregate-to-view' },
      { group: 'example.com', kind: 'Widget', namespace: 'team-a', name: 'w' },
    ]);
    expect(out[0].body).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a', labels: LABELS }, data: { a: '1' } });
  });

  test('no objects is valid', () => {
    expect(validateObjects([], OWNER)).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['a Namespace name of 63 characters', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a'.repeat(63) } }],
    ['a ConfigMap name with dots, 253 characters', cm(`${'a.'.repeat(126)}b`)],
    ['a Role name with a colon and capitals', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'Team:Reader', namespace: 'n' } }],
    ['a NetworkPolicy in another version of its group (resolved by discovery later)', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' } }],
    ['an unknown cluster-scoped kind without namespace', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'G_1' } }],
    ['a ConfigMap name with parts of several lengths', cm('x.b-cde.fg.h')],
    ['a Namespace kind of another group, named as a path segment', { apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'A.b' } }],
    ['a ConfigMap kind of another group, named as a path segment and cluster-scoped', { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'A:B' } }],
    ['a core kind the table does not hold, named as a path segment', { apiVersion: 'v1', kind: 'Widget', metadata: { name: 'A:B' } }],
    ['a namespace of 63 characters', cm('x', 'n'.repeat(63))],
    ['declared labels that are strings, and annotations', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', labels: { app: 'a' }, annotations: { note: 'y' } } })],
  ])('%s', (_name, item) => {
    expect(failure([item])).toBeUndefined();
  });
});

describe('validateObjects: refused, each with its message', () => {
  test.each<[string, unknown, string]>([
    ['null', null, 'Objects[0] is null, not a Kubernetes object; each item must be an object with apiVersion, kind and metadata'],
    ['a string', 'cm', 'Objects[0] is a string, not a Kubernetes object; each item must be an object with apiVersion, kind and metadata'],
    ['a list', [cm('x')], 'Objects[0] is a list, not a Kubernetes object; each item must be an object with apiVersion, kind and metadata'],
    ['no apiVersion', { kind: 'ConfigMap', metadata: { name: 'x' } }, 'Objects[0]: apiVersion undefined is not "v1" or "<group>/<version>"; fix the apiVersion'],
    ['a numeric apiVersion', { apiVersion: 1, kind: 'ConfigMap', metadata: { name: 'x' } }, 'Objects[0]: apiVersion 1 is not "v1" or "<group>/<version>"; fix the apiVersion'],
    ['a malformed apiVersion', { apiVersion: 'rbac/v1/x', kind: 'Role', metadata: { name: 'x' } }, 'Objects[0]: apiVersion "rbac/v1/x" is not "v1" or "<group>/<version>"; fix the apiVersion'],
    ['no kind', { apiVersion: 'v1', metadata: { name: 'x' } }, 'Objects[0]: kind undefined is not a kind name (1-63 letters and digits, starting with a letter); fix the kind'],
    ['a kind with a dash', { apiVersion: 'v1', kind: 'Config-Map', metadata: { name: 'x' } }, 'Objects[0]: kind "Config-Map" is not a kind name (1-63 letters and digits, starting with a letter); fix the kind'],
    ['a kind starting with a digit', { apiVersion: 'v1', kind: '1Map', metadata: { name: 'x' } }, 'Objects[0]: kind "1Map" is not a kind name (1-63 letters and digits, starting with a letter); fix the kind'],
    ['a kind of 64 characters', { apiVersion: 'v1', kind: 'K'.repeat(64), metadata: { name: 'x' } }, `Objects[0]: kind "${'K'.repeat(64)}" is not a kind name (1-63 letters and digits, starting with a letter); fix the kind`],
    ['no metadata', { apiVersion: 'v1', kind: 'ConfigMap' }, 'Objects[0] (ConfigMap): metadata is missing or not an object; add metadata with a name'],
    ['metadata as a list', { apiVersion: 'v1', kind: 'ConfigMap', metadata: ['x'] }, 'Objects[0] (ConfigMap): metadata is missing or not an object; add metadata with a name'],
    ['no name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'n' } }, 'Objects[0] (ConfigMap): metadata.name undefined is missing or empty; name the object'],
    ['an empty name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' } }, 'Objects[0] (ConfigMap): metadata.name "" is missing or empty; name the object'],
    ['a numeric namespace', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 5 } }, 'Objects[0] (ConfigMap x): metadata.namespace 5 is not a DNS-1123 label (at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit); fix the namespace'],
    ['a namespace with capitals', cm('x', 'Team'), 'Objects[0] (ConfigMap x): metadata.namespace "Team" is not a DNS-1123 label (at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit); fix the namespace'],
    ['a namespace of 64 characters', cm('x', 'n'.repeat(64)), `Objects[0] (ConfigMap x): metadata.namespace "${'n'.repeat(64)}" is not a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit); fix the namespace`],
    ['an empty namespace', cm('x', ''), 'Objects[0] (ConfigMap x): metadata.namespace "" is not a DNS-1123 label (at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit); fix the namespace'],
    ['a Namespace name with a dot', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }, 'Objects[0] (Namespace team.a): metadata.name "team.a" is not a DNS-1123 label (at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit); fix the name'],
    ['a Namespace name of 64 characters', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a'.repeat(64) } }, `Objects[0] (Namespace ${'a'.repeat(64)}): metadata.name "${'a'.repeat(64)}" is not a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit); fix the name`],
    ['a ConfigMap name with a capital', cm('Settings'), 'Objects[0] (ConfigMap team-a/Settings): metadata.name "Settings" is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit); fix the name'],
    ['a ConfigMap name of 254 characters', cm(`${'a.'.repeat(126)}bc`), `Objects[0] (ConfigMap team-a/${'a.'.repeat(126)}bc): metadata.name "${'a.'.repeat(126)}bc" is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit); fix the name`],
    ['a ServiceAccount name with a colon', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a:b', namespace: 'n' } }, 'Objects[0] (ServiceAccount n/a:b): metadata.name "a:b" is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit); fix the name'],
    ['a NetworkPolicy name ending in a dash (any version of its group)', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'p-', namespace: 'n' } }, 'Objects[0] (NetworkPolicy n/p-): metadata.name "p-" is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit); fix the name'],
    ['a ClusterRole named ..', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: '..' } }, 'Objects[0] (ClusterRole ..): metadata.name ".." cannot be a path segment (it may not be \'.\' or \'..\' nor contain \'/\' or \'%\'); fix the name'],
    ['a ClusterRole named .', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: '.' } }, 'Objects[0] (ClusterRole .): metadata.name "." cannot be a path segment (it may not be \'.\' or \'..\' nor contain \'/\' or \'%\'); fix the name'],
    ['a Role name with a slash', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'a/b', namespace: 'n' } }, 'Objects[0] (Role n/a/b): metadata.name "a/b" cannot be a path segment (it may not be \'.\' or \'..\' nor contain \'/\' or \'%\'); fix the name'],
    ['an unknown kind named with a percent sign', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: '50%' } }, 'Objects[0] (Widget.example.com 50%): metadata.name "50%" cannot be a path segment (it may not be \'.\' or \'..\' nor contain \'/\' or \'%\'); fix the name'],
    ['a ConfigMap without namespace', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, 'Objects[0] (ConfigMap x): ConfigMap is namespaced and needs metadata.namespace; add the namespace'],
    ['a RoleBinding without namespace', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' } }, 'Objects[0] (RoleBinding b): RoleBinding is namespaced and needs metadata.namespace; add the namespace'],
    ['a Namespace with a namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', namespace: 'b' } }, 'Objects[0] (Namespace b/a): Namespace is cluster-scoped and may not have metadata.namespace ("b"); remove it'],
    ['a ClusterRole with a namespace', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'n' } }, 'Objects[0] (ClusterRole n/r): ClusterRole is cluster-scoped and may not have metadata.namespace ("n"); remove it'],
    ['a resourceVersion', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', resourceVersion: '12' } }), 'Objects[0] (ConfigMap n/x): metadata.resourceVersion is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove metadata.resourceVersion'],
    ['a uid', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', uid: 'u' } }), 'Objects[0] (ConfigMap n/x): metadata.uid is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove metadata.uid'],
    ['managedFields', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', managedFields: [] } }), 'Objects[0] (ConfigMap n/x): metadata.managedFields is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove metadata.managedFields'],
    ['a status', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, status: { phase: 'Active' } }, 'Objects[0] (Namespace a): status is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove status'],
    ['a null status', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, status: null }, 'Objects[0] (Namespace a): status is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove status'],
    ['labels as a list', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', labels: ['a'] } }), 'Objects[0] (ConfigMap n/x): metadata.labels is a list, not a map of strings; fix the labels'],
    ['labels as a string', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', labels: 'a=b' } }), 'Objects[0] (ConfigMap n/x): metadata.labels is a string, not a map of strings; fix the labels'],
    ['a numeric label value', cm('x', 'n', { metadata: { name: 'x', namespace: 'n', labels: { a: 'b', tier: 1 } } }), 'Objects[0] (ConfigMap n/x): metadata.labels.tier is a number, not a string; quote the value'],
  ])('%s', (_name, item, message) => {
    expect(failure([item])).toBe(message);
  });

  test('the index names the item, and every invalid item is listed with its first problem', () => {
    expect(failure([cm('ok'), cm('Bad'), { apiVersion: 'v1' }, cm('fine')])).toBe(
      '2 invalid items: Objects[1] (ConfigMap team-a/Bad): metadata.name "Bad" is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit); fix the name; '
      + 'Objects[2]: kind undefined is not a kind name (1-63 letters and digits, starting with a letter); fix the kind');
  });

  test('one object per identity, whatever the version of its group', () => {
    expect(failure([cm('a'), cm('b'), cm('a', 'team-a', { data: {} })])).toBe('Objects[0] and Objects[2] both declare ConfigMap team-a/a (apiVersions v1 and v1 are one object); declare each object once');
    const np = (apiVersion: string) => ({ apiVersion, kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' } });
    expect(failure([np('networking.k8s.io/v1'), np('networking.k8s.io/v1beta1')])).toBe('Objects[0] and Objects[1] both declare NetworkPolicy n/p (apiVersions networking.k8s.io/v1 and networking.k8s.io/v1beta1 are one object); declare each object once');
  });

  test('the same name in two namespaces, two kinds or two groups are distinct objects', () => {
    expect(failure([cm('a', 'x'), cm('a', 'y'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a', namespace: 'x' } },
      { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } }])).toBeUndefined();
  });
});

describe('checkScope (kinds resolved by discovery)', () => {
  const widget = { group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets' };
  test('a namespaced kind with a namespace, a cluster-scoped one without', () => {
    expect(() => checkScope({ group: 'example.com', kind: 'Widget', namespace: 'n', name: 'w' }, { ...widget, namespaced: true })).not.toThrow();
    expect(() => checkScope({ group: 'example.com', kind: 'Widget', name: 'w' }, { ...widget, namespaced: false })).not.toThrow();
  });

  test.each<[boolean, string | undefined, string]>([
    [true, undefined, 'Widget.example.com w: Widget is namespaced and needs metadata.namespace; add the namespace'],
    [false, 'n', 'Widget.example.com n/w: Widget is cluster-scoped and may not have metadata.namespace ("n"); remove it'],
  ])('namespaced %s, namespace %j', (namespaced, namespace, message) => {
    const id = { group: 'example.com', kind: 'Widget', ...(namespace === undefined ? {} : { namespace }), name: 'w' };
    expect(() => checkScope(id, { ...widget, namespaced })).toThrow(new ManifestInputError(message));
  });
});
