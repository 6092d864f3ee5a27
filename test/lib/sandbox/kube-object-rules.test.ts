import type { JsonObject } from '../../support/kube-apply';
import { BUILT_IN_KINDS } from '../../support/kube-objects';
import { breakdown, checkApplySchema, describeMissing, missingRights, pruneUnknown, validateObject } from '../../support/kube-object-rules';

const kind = (k: string) => BUILT_IN_KINDS.find((x) => x.kind === k)!;
const RBAC = 'rbac.authorization.k8s.io';

describe('validateObject', () => {
  test.each([
    ['ClusterRoleBinding to a Role', 'ClusterRoleBinding',
      { metadata: { name: 'b' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] },
      'ClusterRoleBinding.rbac.authorization.k8s.io "b" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]'],
    ['RoleBinding without a roleRef name, with an unknown subject kind', 'RoleBinding',
      { metadata: { name: 'b', namespace: 'n' }, roleRef: { apiGroup: RBAC, kind: 'Role' }, subjects: [{ kind: 'Robot', name: 'x' }] },
      'RoleBinding.rbac.authorization.k8s.io "b" is invalid: [roleRef.name: Required value, subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"]'],
    ['a Namespace name that is no DNS label', 'Namespace', { metadata: { name: 'Payments' } },
      `Namespace "Payments" is invalid: metadata.name: Invalid value: "Payments": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`],
    ['an RBAC name with a slash', 'Role', { metadata: { name: 'a/b', namespace: 'n' }, rules: [] },
      `Role.rbac.authorization.k8s.io "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain '/'`],
    ['a label value over 63 characters', 'ServiceAccount', { metadata: { name: 'sa', namespace: 'n', labels: { k: 'x'.repeat(64) } } },
      `ServiceAccount "sa" is invalid: metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
  ])('refuses %s', (_label, k, obj, message) => {
    expect(validateObject(obj as JsonObject, kind(k), undefined)).toMatchObject({ code: 422, reason: 'Invalid', message });
  });

  test('accepts valid objects, RBAC names with colons and a binding whose roleRef did not change', () => {
    const b = { metadata: { name: 'system:x', namespace: 'n' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'r' }, subjects: [] } as JsonObject;
    expect(validateObject(b, kind('RoleBinding'), b)).toBeUndefined();
    expect(validateObject({ metadata: { name: 'payments' } }, kind('Namespace'), undefined)).toBeUndefined();
  });
});

describe('schema checks', () => {
  test('an apply with a field outside the kind or its metadata is refused; PUT and POST drop such fields', () => {
    expect(checkApplySchema({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', bogus: 1 } }, kind('ConfigMap')))
      .toEqual(expect.objectContaining({ code: 500, status: 'Failure', message: expect.any(String) }));
    expect(checkApplySchema({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', bogus: 1 } }, kind('ConfigMap'))?.message)
      .toBe('failed to create typed patch object (/c; /v1, Kind=ConfigMap): .metadata.bogus: field not declared in schema');
    expect(checkApplySchema({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} }, kind('ConfigMap'))).toBeUndefined();
    expect(pruneUnknown({ metadata: { name: 'c', x: 1 }, data: {}, y: 2 }, kind('ConfigMap'))).toEqual({ obj: { metadata: { name: 'c' }, data: {} }, unknown: ['y', 'metadata.x'] });
  });
});

describe('escalation rights', () => {
  test('rules break down into one right per verb, group, resource and name', () => {
    expect(breakdown([{ apiGroups: ['', 'apps'], resources: ['pods'], verbs: ['get', 'list'], resourceNames: ['a'] }])).toEqual([
      { verb: 'get', apiGroup: '', resource: 'pods', name: 'a' }, { verb: 'list', apiGroup: '', resource: 'pods', name: 'a' },
      { verb: 'get', apiGroup: 'apps', resource: 'pods', name: 'a' }, { verb: 'list', apiGroup: 'apps', resource: 'pods', name: 'a' },
    ]);
  });

  test('missing rights are those the holder does not answer yes to, in the namespace asked', () => {
    const asked: string[] = [];
    const missing = missingRights([{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get'] }], 'team', (r, ns) => {
      asked.push(`${r.resource}@${ns}`);
      return r.resource === 'pods';
    });
    expect(missing).toEqual([{ verb: 'get', apiGroup: '', resource: 'secrets' }]);
    expect(asked).toEqual(['pods@team', 'secrets@team']);
  });

  test('missing rights are listed as the API server lists them: verbs of one group and resource merged, named rights apart, sorted', () => {
    expect(describeMissing([
      { verb: 'list', apiGroup: '', resource: 'secrets' }, { verb: 'get', apiGroup: 'apps', resource: 'deployments', name: 'web' },
      { verb: 'get', apiGroup: '', resource: 'secrets' }, { verb: 'get', apiGroup: '', resource: 'configmaps' },
    ])).toEqual([
      '{APIGroups:[""], Resources:["configmaps"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["secrets"], Verbs:["list" "get"]}',
      '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["get"]}',
    ]);
  });
});
