/** The previous generation of the function's own RBAC: renamed pair, only get/patch/delete, refusals. */
import { PREVIOUS_GENERATION_SUFFIX } from '../../../../lambda/manifests/api';
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { MAX_PREVIOUS_NAME_LENGTH, PREVIOUS_GENERATION_VERBS, previousGeneration } from '../../../../lambda/manifests/core/previous';
import type { ManifestObject } from '../../../../lambda/manifests/core/types';
import { manifestsRbac } from '../../../../lib/k8s/manifests-rbac';
import { thrown } from '../../../support/thrown';

const RBAC = 'rbac.authorization.k8s.io';
const LABELS = { 'app.kubernetes.io/managed-by': 'eks-access' };
const SUBJECTS = [{ kind: 'User', apiGroup: RBAC, name: 'eks-access:manifests:demo-rbac' }];
const FIX = 'the old Objects of the RBAC bootstrap must be the generated pair; redeploy the previous release or replace the bootstrap resource';

function role(rules: unknown, extra: Record<string, unknown> = {}, name = 'eks-access-manifests'): ManifestObject {
  return { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name, labels: { ...LABELS } }, rules, ...extra };
}

function binding(extra: Record<string, unknown> = {}, name = 'eks-access-manifests', roleName = 'eks-access-manifests'): ManifestObject {
  return {
    apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name, labels: { ...LABELS } },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName }, subjects: SUBJECTS, ...extra,
  };
}

function refusal(objects: unknown[]): string {
  const e = thrown(() => previousGeneration(objects as ManifestObject[]));
  expect(e).toBeInstanceOf(ManifestInputError);
  return e.message;
}

const NS_RULE = { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'get', 'patch', 'delete'], resourceNames: ['team-a', 'team-b'] };

describe('previousGeneration: the renamed pair', () => {
  test('the generated pair becomes the previous pair: names suffixed, get/patch/delete kept, same resourceNames and subjects', () => {
    const out = previousGeneration([role([
      NS_RULE,
      { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['escalate', 'bind', 'get'], resourceNames: ['eks-access-reader'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list', 'watch', 'create'] },
    ]), binding()]);
    expect(PREVIOUS_GENERATION_SUFFIX).toBe('-previous');
    expect(out).toStrictEqual([
      {
        apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'eks-access-manifests-previous', labels: LABELS },
        rules: [
          { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'patch', 'delete'], resourceNames: ['team-a', 'team-b'] },
          { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['get'], resourceNames: ['eks-access-reader'] },
        ],
      },
      {
        apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'eks-access-manifests-previous', labels: LABELS },
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'eks-access-manifests-previous' },
        subjects: SUBJECTS,
      },
    ]);
  });

  test('the pair the synth-time generator makes (lib/k8s/manifests-rbac.ts) is accepted as it is', () => {
    const old = manifestsRbac({
      name: 'eks-access-manifests',
      username: 'eks-access:manifests:demo-rbac',
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
        { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] },
        { apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'reader' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'reader' }, subjects: SUBJECTS },
      ],
      patches: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'aws-node', namespace: 'kube-system' }, spec: {} }],
      customKinds: [{ group: 'apps', kind: 'DaemonSet', resource: 'daemonsets' }],
    });
    const [pr, pb] = previousGeneration(old);
    expect(pr.rules).toStrictEqual([
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'patch', 'delete'], resourceNames: ['team-a'] },
      { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get', 'patch'], resourceNames: ['aws-node'] },
      { apiGroups: [RBAC], resources: ['clusterrolebindings'], verbs: ['get', 'patch', 'delete'], resourceNames: ['reader'] },
      { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['get', 'patch', 'delete'], resourceNames: ['reader'] },
    ]);
    expect(pb.subjects).toStrictEqual(old[1].subjects);
  });

  test('the binding first, names that differ, no labels, annotations dropped', () => {
    const r = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'r', annotations: { a: 'b' } }, rules: [NS_RULE] };
    const b = { ...binding({}, 'b', 'r'), metadata: { name: 'b', annotations: { a: 'b' } } };
    const [pr, pb] = previousGeneration([b, r]);
    expect(pr.metadata).toStrictEqual({ name: 'r-previous' });
    expect(pb.metadata).toStrictEqual({ name: 'b-previous' });
    expect(pb.roleRef).toStrictEqual({ apiGroup: RBAC, kind: 'ClusterRole', name: 'r-previous' });
  });

  test.each([
    [['*'], ['get', 'patch', 'delete']],
    [['delete', 'patch', 'get', 'get'], ['get', 'patch', 'delete']],
    [['patch'], ['patch']],
    [['delete'], ['delete']],
    [['get', 'update'], ['get']],
  ])('verbs %j keep %j, in the order get, patch, delete', (verbs, kept) => {
    const [pr] = previousGeneration([role([{ ...NS_RULE, verbs }]), binding()]);
    expect(pr.rules).toStrictEqual([{ ...NS_RULE, verbs: kept }]);
  });

  test('a rule without resourceNames stays without them', () => {
    const rule = { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] };
    const [pr] = previousGeneration([role([rule]), binding()]);
    expect(pr.rules).toStrictEqual([rule]);
    expect(Object.keys((pr.rules as object[])[0])).toStrictEqual(['apiGroups', 'resources', 'verbs']);
  });

  test.each([
    ['no kept verb in any rule', [{ ...NS_RULE, verbs: ['create', 'list', 'watch', 'escalate', 'bind', 'update'] }]],
    ['no rules', []],
  ])('%s: the role is still returned, with no rules', (_, rules) => {
    const [pr, pb] = previousGeneration([role(rules), binding()]);
    expect(pr).toStrictEqual({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'eks-access-manifests-previous', labels: LABELS }, rules: [] });
    expect(pb.kind).toBe('ClusterRoleBinding');
  });

  test('a role without a rules field has no rules', () => {
    const r = role([]);
    delete r.rules;
    expect(previousGeneration([r, binding()])[0].rules).toStrictEqual([]);
  });

  test('the input is left as it was, and the output shares no list or object with it', () => {
    const r = role([{ ...NS_RULE }]);
    const b = binding();
    const before = JSON.stringify([r, b]);
    const [pr, pb] = previousGeneration([r, b]);
    expect(JSON.stringify([r, b])).toBe(before);
    (pr.rules as Array<{ resourceNames: string[]; apiGroups: string[]; resources: string[] }>)[0].resourceNames.push('x');
    (pr.rules as Array<{ apiGroups: string[] }>)[0].apiGroups.push('x');
    (pr.rules as Array<{ resources: string[] }>)[0].resources.push('x');
    (pr.metadata.labels as Record<string, string>).x = 'y';
    (pb.subjects as Array<Record<string, string>>)[0].name = 'changed';
    expect(JSON.stringify([r, b])).toBe(before);
    expect(SUBJECTS[0].name).toBe('eks-access:manifests:demo-rbac');
  });
});

describe('previousGeneration: names at the length limit', () => {
  const longest = 'a'.repeat(MAX_PREVIOUS_NAME_LENGTH - PREVIOUS_GENERATION_SUFFIX.length);

  test('a name that reaches exactly the limit with the suffix is accepted', () => {
    expect(MAX_PREVIOUS_NAME_LENGTH).toBe(253);
    const [pr, pb] = previousGeneration([role([NS_RULE], {}, longest), binding({}, longest, longest)]);
    expect(pr.metadata.name).toHaveLength(253);
    expect(pb.metadata.name).toHaveLength(253);
  });

  test('a role name one character longer is refused with the most it may be', () => {
    const name = `${longest}b`;
    expect(refusal([role([NS_RULE], {}, name), binding({}, 'b', name)])).toBe(
      `ClusterRole ${name}: the previous generation's name "${name}-previous" would be 254 characters, over the 253 the app allows; shorten the generated name to at most 244 characters`,
    );
  });

  test('a binding name one character longer is refused', () => {
    const name = `${longest}b`;
    expect(refusal([role([NS_RULE]), binding({}, name)])).toBe(
      `ClusterRoleBinding ${name}: the previous generation's name "${name}-previous" would be 254 characters, over the 253 the app allows; shorten the generated name to at most 244 characters`,
    );
  });
});

describe('previousGeneration: refused input', () => {
  test.each<[string, unknown[], string]>([
    ['nothing', [], `The previous generation is made from exactly one ClusterRole and one ClusterRoleBinding; got 0 ClusterRoles and 0 ClusterRoleBindings; ${FIX}`],
    ['a role alone', [role([])], `The previous generation is made from exactly one ClusterRole and one ClusterRoleBinding; got 1 ClusterRole (eks-access-manifests) and 0 ClusterRoleBindings; ${FIX}`],
    ['a binding alone', [binding()], `The previous generation is made from exactly one ClusterRole and one ClusterRoleBinding; got 0 ClusterRoles and 1 ClusterRoleBinding (eks-access-manifests); ${FIX}`],
    ['two roles', [role([], {}, 'a'), role([], {}, 'b'), binding()], `The previous generation is made from exactly one ClusterRole and one ClusterRoleBinding; got 2 ClusterRoles (a, b) and 1 ClusterRoleBinding (eks-access-manifests); ${FIX}`],
    ['two bindings', [role([]), binding({}, 'x'), binding({}, 'y')], `The previous generation is made from exactly one ClusterRole and one ClusterRoleBinding; got 1 ClusterRole (eks-access-manifests) and 2 ClusterRoleBindings (x, y); ${FIX}`],
  ])('%s', (_, objects, message) => {
    expect(refusal(objects)).toBe(message);
  });

  test.each<[string, unknown, string]>([
    ['not an object', 'x', `Objects[1] is a string, not a ClusterRole or ClusterRoleBinding; ${FIX}`],
    ['null', null, `Objects[1] is null, not a ClusterRole or ClusterRoleBinding; ${FIX}`],
    ['another kind', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } },
      `Objects[1] is apiVersion "v1" kind "Namespace"; the previous generation is made only from a ${RBAC}/v1 ClusterRole and ClusterRoleBinding; ${FIX}`],
    ['a namespaced Role', { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: 'n', namespace: 'a' } },
      `Objects[1] is apiVersion "${RBAC}/v1" kind "Role"; the previous generation is made only from a ${RBAC}/v1 ClusterRole and ClusterRoleBinding; ${FIX}`],
    ['another version', { ...binding(), apiVersion: `${RBAC}/v1beta1` },
      `Objects[1] is apiVersion "${RBAC}/v1beta1" kind "ClusterRoleBinding"; the previous generation is made only from a ${RBAC}/v1 ClusterRole and ClusterRoleBinding; ${FIX}`],
    ['no metadata', { ...binding(), metadata: undefined }, `Objects[1] (ClusterRoleBinding): metadata is undefined, not an object with a name; ${FIX}`],
    ['metadata not an object', { ...binding(), metadata: ['m'] }, `Objects[1] (ClusterRoleBinding): metadata is a list, not an object with a name; ${FIX}`],
    ['no name', { ...binding(), metadata: {} }, `Objects[1] (ClusterRoleBinding): metadata.name undefined is missing or empty; ${FIX}`],
    ['a name that is not a string', { ...binding(), metadata: { name: 7 } }, `Objects[1] (ClusterRoleBinding): metadata.name 7 is missing or empty; ${FIX}`],
    ['an empty name', { ...binding(), metadata: { name: '' } }, `Objects[1] (ClusterRoleBinding): metadata.name "" is missing or empty; ${FIX}`],
    ['a namespace', { ...binding(), metadata: { name: 'b', namespace: 'x' } },
      `ClusterRoleBinding b: metadata.namespace "x" is set, but a ClusterRoleBinding is cluster-scoped; ${FIX}`],
  ])('the second object is %s', (_, second, message) => {
    expect(refusal([role([]), second])).toBe(message);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['aggregated', { aggregationRule: { clusterRoleSelectors: [] } }, `ClusterRole eks-access-manifests: aggregationRule is set; the generated ClusterRole lists its rules; ${FIX}`],
    ['rules not a list', { rules: { a: 1 } }, `ClusterRole eks-access-manifests: rules is an object, not a list; ${FIX}`],
    ['a rule that is not an object', { rules: [NS_RULE, 'get'] }, `ClusterRole eks-access-manifests: rules[1] is a string, not a rule object; ${FIX}`],
    ['a non-resource rule', { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
      `ClusterRole eks-access-manifests: rules[0] has "nonResourceURLs"; a generated rule has only apiGroups, resources, verbs and resourceNames; ${FIX}`],
    ['two unknown fields', { rules: [{ ...NS_RULE, a: 1, b: 2 }] },
      `ClusterRole eks-access-manifests: rules[0] has "a", "b"; a generated rule has only apiGroups, resources, verbs and resourceNames; ${FIX}`],
    ['apiGroups missing', { rules: [{ resources: ['x'], verbs: ['get'] }] }, `ClusterRole eks-access-manifests: rules[0].apiGroups is undefined, not a list of strings; ${FIX}`],
    ['resources not strings', { rules: [{ apiGroups: [''], resources: ['x', 1], verbs: ['get'] }] },
      `ClusterRole eks-access-manifests: rules[0].resources is a list with an item that is not a string, not a list of strings; ${FIX}`],
    ['verbs a string', { rules: [{ apiGroups: [''], resources: ['x'], verbs: 'get' }] }, `ClusterRole eks-access-manifests: rules[0].verbs is a string, not a list of strings; ${FIX}`],
    ['resourceNames null', { rules: [{ ...NS_RULE, resourceNames: null }] }, `ClusterRole eks-access-manifests: rules[0].resourceNames is null, not a list of strings; ${FIX}`],
  ])('a role %s', (_, extra, message) => {
    expect(refusal([role([], extra), binding()])).toBe(message);
  });

  const ref = (r: unknown) => `ClusterRoleBinding eks-access-manifests: roleRef ${JSON.stringify(r)} does not name the generated ClusterRole eks-access-manifests (apiGroup ${RBAC}, kind ClusterRole); ${FIX}`;
  test.each<[string, Record<string, unknown>, string]>([
    ['no roleRef', { roleRef: undefined }, ref(undefined)],
    ['roleRef a string', { roleRef: 'r' }, ref('r')],
    ['another apiGroup', { roleRef: { apiGroup: 'x', kind: 'ClusterRole', name: 'eks-access-manifests' } }, ref({ apiGroup: 'x', kind: 'ClusterRole', name: 'eks-access-manifests' })],
    ['a Role', { roleRef: { apiGroup: RBAC, kind: 'Role', name: 'eks-access-manifests' } }, ref({ apiGroup: RBAC, kind: 'Role', name: 'eks-access-manifests' })],
    ['another role', { roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'other' } }, ref({ apiGroup: RBAC, kind: 'ClusterRole', name: 'other' })],
    ['no subjects', { subjects: undefined }, `ClusterRoleBinding eks-access-manifests: subjects is undefined; the generated binding names its subjects; ${FIX}`],
    ['empty subjects', { subjects: [] }, `ClusterRoleBinding eks-access-manifests: subjects is a list with no subject; the generated binding names its subjects; ${FIX}`],
    ['a subject that is not an object', { subjects: [SUBJECTS[0], 'g'] }, `ClusterRoleBinding eks-access-manifests: subjects is a list with an item that is not an object; the generated binding names its subjects; ${FIX}`],
  ])('a binding with %s', (_, extra, message) => {
    expect(refusal([role([]), binding(extra)])).toBe(message);
  });

  test('the verbs kept are exactly get, patch and delete', () => {
    expect(PREVIOUS_GENERATION_VERBS).toStrictEqual(['get', 'patch', 'delete']);
  });
});
