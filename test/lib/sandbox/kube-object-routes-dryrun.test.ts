/**
 * `dryRun=All` on the stand-in's generic objects, for every kind the app applies, as the API
 * server answers it (apiserver registry/generic/registry/dryrun.go and store.go, the namespace
 * storage, meta/v1/validation ValidateDryRun): the answer a real write would give (201 with uid
 * and creationTimestamp but no resourceVersion for a create, the live resourceVersion for an
 * update, the Success Status or the object marked for deletion), conflicts (409), validation
 * (422) and authorization (403) as without it, and nothing stored: no object, no change, no new
 * cluster revision. Only "All" is a dry run; any other value is the options' 422.
 */
import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import type { KubeCall, KubeCallResult } from '../../support/kube-call';
import { kubeCaller } from '../../support/kube-call';
import type { RbacObject } from '../../support/rbac-authorizer';
import { RbacEvaluator, rbacAuthorizer } from '../../support/rbac-authorizer';

let server: KubeApiServerHandle;
let call: KubeCall;
const ARN = TEST_IDENTITIES.handler.arn;
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const MERGE = { 'content-type': 'application/merge-patch+json' };
const RBAC = 'rbac.authorization.k8s.io';
const labels = { 'app.kubernetes.io/managed-by': 'eks-access' };

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler], namespaces: ['default', 'kube-system', 'team'] });
  const token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  call = kubeCaller(server.url, server.caData, () => token);
});
afterEach(async () => {
  await server.close();
});

/** One kind the app applies: where its objects live, an object in two versions, the field a second applier conflicts on. */
interface KindCase {
  readonly kind: string;
  /** The collection path (POST). */
  readonly collection: string;
  readonly name: string;
  readonly object: (version: 1 | 2) => Record<string, unknown>;
  readonly conflictField: string;
}

const meta = (name: string, namespaced: boolean): Record<string, unknown> => ({ name, ...(namespaced ? { namespace: 'team' } : {}), labels });
const KINDS: readonly KindCase[] = [
  {
    kind: 'Namespace', collection: '/api/v1/namespaces', name: 'dry', conflictField: '.metadata.labels.tier',
    object: (v) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dry', labels: { ...labels, tier: v === 1 ? 'one' : 'two' } } }),
  },
  {
    kind: 'ServiceAccount', collection: '/api/v1/namespaces/team/serviceaccounts', name: 'sa', conflictField: '.automountServiceAccountToken',
    object: (v) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('sa', true), automountServiceAccountToken: v === 2 }),
  },
  {
    kind: 'ResourceQuota', collection: '/api/v1/namespaces/team/resourcequotas', name: 'quota', conflictField: '.spec.hard.pods',
    object: (v) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota', true), spec: { hard: { pods: v === 1 ? '10' : '20' } } }),
  },
  {
    kind: 'LimitRange', collection: '/api/v1/namespaces/team/limitranges', name: 'limits', conflictField: '.spec.limits',
    object: (v) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits', true), spec: { limits: [{ type: 'Container', default: { cpu: v === 1 ? '500m' : '250m' } }] } }),
  },
  {
    kind: 'NetworkPolicy', collection: '/apis/networking.k8s.io/v1/namespaces/team/networkpolicies', name: 'deny', conflictField: '.spec.policyTypes',
    object: (v) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny', true), spec: { podSelector: {}, policyTypes: v === 1 ? ['Ingress'] : ['Ingress', 'Egress'] } }),
  },
  {
    kind: 'Role', collection: `/apis/${RBAC}/v1/namespaces/team/roles`, name: 'reader', conflictField: '.rules',
    object: (v) => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: meta('reader', true), rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: v === 1 ? ['get'] : ['get', 'list'] }] }),
  },
  {
    kind: 'RoleBinding', collection: `/apis/${RBAC}/v1/namespaces/team/rolebindings`, name: 'readers', conflictField: '.subjects',
    object: (v) => ({
      apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: meta('readers', true), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: v === 1 ? 'g1' : 'g2', apiGroup: RBAC }],
    }),
  },
  {
    kind: 'ClusterRoleBinding', collection: `/apis/${RBAC}/v1/clusterrolebindings`, name: 'eks-access-readers', conflictField: '.subjects',
    object: (v) => ({
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: meta('eks-access-readers', false), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: v === 1 ? 'g1' : 'g2', apiGroup: RBAC }],
    }),
  },
  {
    kind: 'ClusterRole', collection: `/apis/${RBAC}/v1/clusterroles`, name: 'eks-access-reader', conflictField: '.rules',
    object: (v) => ({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: meta('eks-access-reader', false), rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: v === 1 ? ['get'] : ['get', 'list'] }] }),
  },
];

const path = (c: KindCase): string => `${c.collection}/${c.name}`;
type Meta = { uid?: string; resourceVersion?: string; creationTimestamp?: string; deletionTimestamp?: string; managedFields?: Array<Record<string, unknown>> };
const metaOf = (r: KubeCallResult): Meta => r.json.metadata as Meta;
const apply = (c: KindCase, v: 1 | 2, query: string, manager = 'eks-access'): Promise<KubeCallResult> => call('PATCH', `${path(c)}?fieldManager=${manager}${query}`, c.object(v), APPLY);

/** Runs `act` and expects the cluster revision and the object at `c`'s path to be as they were. */
async function expectUnchanged(c: KindCase, act: () => Promise<void>): Promise<void> {
  const revision = server.objects.resourceVersion;
  const before = await call('GET', path(c));
  await act();
  expect(await call('GET', path(c))).toEqual(before);
  expect(server.objects.resourceVersion).toBe(revision);
}

describe.each(KINDS)('dryRun=All on a $kind', (c) => {
  test('an apply that would create answers 201 with the object as it would be stored (uid, creationTimestamp, managedFields; no resourceVersion); nothing is stored', async () => {
    await expectUnchanged(c, async () => {
      const dry = await apply(c, 1, '&force=true&dryRun=All');
      expect(dry.status).toBe(201);
      expect(dry.json).toMatchObject({ ...c.object(1), metadata: { ...(c.object(1).metadata as object), name: c.name } });
      const m = metaOf(dry);
      expect(m.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(m.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(m).not.toHaveProperty('resourceVersion');
      expect(m.managedFields).toEqual([expect.objectContaining({ manager: 'eks-access', operation: 'Apply' })]);
    });
    expect(await call('GET', path(c))).toMatchObject({ status: 404, json: { reason: 'NotFound' } });
    // The real apply then creates it (no AlreadyExists: the dry run left nothing), under another uid.
    const real = await apply(c, 1, '&force=true');
    expect(real.status).toBe(201);
    expect(metaOf(real).resourceVersion).toMatch(/^\d+$/);
  });

  test('a POST answers 201 as a create would, and a second one is not AlreadyExists', async () => {
    await expectUnchanged(c, async () => {
      const dry = await call('POST', `${c.collection}?dryRun=All`, c.object(1), { 'user-agent': 'kubectl-create/v1.32.4' });
      expect(dry.status).toBe(201);
      expect(metaOf(dry)).toMatchObject({ uid: expect.any(String), creationTimestamp: expect.any(String), managedFields: [expect.objectContaining({ manager: 'kubectl-create', operation: 'Update' })] });
      expect(metaOf(dry)).not.toHaveProperty('resourceVersion');
      expect((await call('POST', `${c.collection}?dryRun=All`, c.object(1))).status).toBe(201);
    });
  });

  test('on a live object: apply, PUT and merge PATCH answer 200 with the change and the live resourceVersion; the object stays as it was', async () => {
    const live = await apply(c, 1, '');
    const { uid, resourceVersion, creationTimestamp } = metaOf(live);
    await expectUnchanged(c, async () => {
      const applied = await apply(c, 2, '&dryRun=All');
      expect(applied).toMatchObject({ status: 200, json: { ...c.object(2), metadata: { uid, resourceVersion, creationTimestamp } } });
      const put = await call('PUT', `${path(c)}?dryRun=All`, { ...live.json, ...c.object(2), metadata: live.json.metadata });
      expect(put).toMatchObject({ status: 200, json: { metadata: { uid, resourceVersion } } });
      const fields = Object.fromEntries(Object.entries(c.object(2)).filter(([k]) => !['apiVersion', 'kind', 'metadata'].includes(k)));
      expect(await call('PATCH', `${path(c)}?dryRun=All`, fields, MERGE)).toMatchObject({ status: 200, json: { ...fields, metadata: { uid, resourceVersion } } });
      // A dry run of what is already there answers the live object itself; a dry-run create of it is AlreadyExists.
      expect(await apply(c, 1, '&dryRun=All')).toEqual({ status: 200, json: live.json });
      expect(await call('POST', `${c.collection}?dryRun=All`, c.object(1))).toMatchObject({ status: 409, json: { reason: 'AlreadyExists', message: expect.stringContaining(`"${c.name}" already exists`) } });
    });
  });

  test('a conflict with another manager is still a 409 (force still takes the field, in the answer only)', async () => {
    await apply(c, 1, '');
    await expectUnchanged(c, async () => {
      expect(await apply(c, 2, '&dryRun=All', 'someone')).toMatchObject({
        status: 409, json: { reason: 'Conflict', message: `Apply failed with 1 conflict: conflict with "eks-access": ${c.conflictField}` },
      });
      const forced = await apply(c, 2, '&dryRun=All&force=true', 'someone');
      expect(forced.status).toBe(200);
      expect(metaOf(forced).managedFields!.map((m) => m.manager)).toEqual(expect.arrayContaining(['someone']));
    });
    expect(metaOf(await call('GET', path(c))).managedFields!.map((m) => m.manager)).toEqual(['eks-access']);
  });

  test('an invalid object is the same 422 as without dryRun', async () => {
    const bad = { ...c.object(1), metadata: { ...(c.object(1).metadata as object), labels: { 'eks-access.io/owner': 'not valid!' } } };
    const real = await call('PATCH', `${path(c)}?fieldManager=eks-access`, bad, APPLY);
    expect(real).toMatchObject({ status: 422, json: { reason: 'Invalid', message: expect.stringContaining(`"${c.name}" is invalid: metadata.labels: Invalid value: "not valid!"`) } });
    expect(await call('PATCH', `${path(c)}?fieldManager=eks-access&dryRun=All`, bad, APPLY)).toEqual(real);
    expect(await call('POST', `${c.collection}?dryRun=All`, bad)).toEqual(real);
  });

  test('a DELETE answers as the deletion would and removes nothing', async () => {
    const live = await apply(c, 1, '');
    await expectUnchanged(c, async () => {
      const dry = await call('DELETE', `${path(c)}?dryRun=All`);
      if (c.kind === 'Namespace') {
        // The namespace storage answers the object its (dry-run) update made: Terminating, marked, same resourceVersion.
        expect(dry).toMatchObject({ status: 200, json: { kind: 'Namespace', metadata: { name: 'dry', uid: metaOf(live).uid, resourceVersion: metaOf(live).resourceVersion, deletionTimestamp: expect.any(String) }, status: { phase: 'Terminating' } } });
      } else {
        expect(dry).toEqual({ status: 200, json: expect.objectContaining({ kind: 'Status', status: 'Success', details: expect.objectContaining({ name: c.name, uid: metaOf(live).uid }) }) });
      }
    });
    expect(metaOf(await call('GET', path(c)))).not.toHaveProperty('deletionTimestamp');
  });
});

describe('the dryRun option', () => {
  const ROLE = KINDS.find((k) => k.kind === 'Role')!;
  const invalid = (kind: string, value: string): Record<string, unknown> => ({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422,
    message: `${kind}.meta.k8s.io "" is invalid: dryRun: Unsupported value: ${value}: supported values: "All"`,
    details: { group: 'meta.k8s.io', kind, causes: [{ reason: 'FieldValueNotSupported', message: `Unsupported value: ${value}: supported values: "All"`, field: 'dryRun' }] },
  });

  test.each([
    ['POST', ROLE.collection, 'dryRun=true', 'CreateOptions', '[]string{"true"}'],
    ['PUT', path(ROLE), 'dryRun=all', 'UpdateOptions', '[]string{"all"}'],
    ['PATCH (apply)', path(ROLE), 'fieldManager=m&dryRun=', 'PatchOptions', '[]string{""}'],
    ['PATCH (merge)', path(ROLE), 'dryRun=All&dryRun=Client', 'PatchOptions', '[]string{"All", "Client"}'],
    ['DELETE', path(ROLE), 'dryRun=server', 'DeleteOptions', '[]string{"server"}'],
  ])('%s with %s: 422 of %s, and nothing written', async (method, at, query, kind, value) => {
    const live = await apply(ROLE, 1, '');
    const verb = method.split(' ')[0];
    const body = method === 'PATCH (merge)' ? { rules: [] } : method === 'DELETE' ? undefined : method === 'PUT' ? live.json : ROLE.object(2);
    const headers = method === 'PATCH (apply)' ? APPLY : method === 'PATCH (merge)' ? MERGE : {};
    await expectUnchanged(ROLE, async () => {
      expect(await call(verb, `${at}?${query}`, body, headers)).toEqual({ status: 422, json: invalid(kind, value) });
    });
  });

  test('every field error of the options in one 422: no fieldManager on an apply, force on a merge patch, each with a bad dryRun; a bad fieldValidation', async () => {
    expect((await call('PATCH', `${path(ROLE)}?dryRun=yes`, ROLE.object(1), APPLY)).json).toMatchObject({
      message: 'PatchOptions.meta.k8s.io "" is invalid: [fieldManager: Required value: is required for apply patch, dryRun: Unsupported value: []string{"yes"}: supported values: "All"]',
      details: { causes: [{ field: 'fieldManager', reason: 'FieldValueRequired' }, { field: 'dryRun', reason: 'FieldValueNotSupported' }] },
    });
    expect((await call('PATCH', `${path(ROLE)}?force=true&dryRun=x%22y`, {}, MERGE)).json.message)
      .toBe('PatchOptions.meta.k8s.io "" is invalid: [force: Forbidden: may not be specified for non-apply patch, dryRun: Unsupported value: []string{"x\\"y"}: supported values: "All"]');
    expect((await call('POST', `${ROLE.collection}?dryRun=All&fieldValidation=strict`, ROLE.object(1))).json.message)
      .toBe('CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"');
  });

  test('"All" given twice is a dry run; a read ignores the option', async () => {
    await expectUnchanged(ROLE, async () => {
      expect((await apply(ROLE, 1, '&dryRun=All&dryRun=All')).status).toBe(201);
    });
    await apply(ROLE, 1, '');
    expect((await call('GET', `${path(ROLE)}?dryRun=nonsense`)).status).toBe(200);
    expect((await call('GET', `${ROLE.collection}?dryRun=nonsense`)).status).toBe(200);
  });

  test('a DELETE with a DeleteOptions body reads dryRun from the body and ignores the query', async () => {
    await apply(ROLE, 1, '');
    await expectUnchanged(ROLE, async () => {
      expect((await call('DELETE', path(ROLE), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', dryRun: ['All'] })).status).toBe(200);
      expect((await call('DELETE', path(ROLE), { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['Later'] })).json.message)
        .toBe('DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Later"}: supported values: "All"');
      expect(await call('DELETE', path(ROLE), { dryRun: 'All' })).toMatchObject({ status: 400, json: { message: 'DeleteOptions.dryRun must be a list of strings (["All"]), got "All"' } });
      expect(await call('DELETE', path(ROLE), '{not json')).toMatchObject({ status: 400, json: { message: 'the DELETE body is not a JSON DeleteOptions object: send one (kind DeleteOptions) or no body' } });
    });
    // The body's options win: dryRun in the query alone does not make this DELETE a dry run.
    expect((await call('DELETE', `${path(ROLE)}?dryRun=All`, { kind: 'DeleteOptions', apiVersion: 'v1' })).status).toBe(200);
    expect((await call('GET', path(ROLE))).status).toBe(404);
  });
});

describe('dry runs and what surrounds the write', () => {
  const ROLE = KINDS.find((k) => k.kind === 'Role')!;
  const NS = KINDS.find((k) => k.kind === 'Namespace')!;

  /** The caller holds exactly these rules, cluster-wide. */
  function grant(rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>): void {
    const objects: RbacObject[] = [
      { kind: 'ClusterRole', metadata: { name: 'writer' }, rules },
      { kind: 'ClusterRoleBinding', metadata: { name: 'writer' }, roleRef: { kind: 'ClusterRole', name: 'writer' }, subjects: [{ kind: 'Group', name: 'writer' }] },
    ];
    server.setAuthorizer(rbacAuthorizer(new RbacEvaluator(objects), () => ['writer']));
  }

  test('RBAC applies as to the real write: its verbs (patch, and create for a new object; delete), the filter\'s 403 before the options, escalation', async () => {
    grant([{ apiGroups: [RBAC], resources: ['roles'], verbs: ['get', 'patch'] }, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    expect(await apply(ROLE, 1, '&dryRun=All')).toMatchObject({ status: 403, json: { message: 'roles.rbac.authorization.k8s.io "reader" is forbidden: ' } });
    // The create an apply needs is authorized inside the handler, after its options: those come first.
    expect(await apply(ROLE, 1, '&dryRun=nonsense')).toMatchObject({ status: 422, json: { reason: 'Invalid' } });
    expect(await call('DELETE', `${path(ROLE)}?dryRun=nonsense`)).toMatchObject({
      status: 403, json: { message: `roles.rbac.authorization.k8s.io "reader" is forbidden: User "${ARN}" cannot delete resource "roles" in API group "${RBAC}" in the namespace "team"` },
    });
    grant([{ apiGroups: [RBAC], resources: ['roles'], verbs: ['get', 'patch', 'create'] }, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    // The Role grants list, which the caller does not hold: escalation is checked on a dry run too.
    expect(await apply(ROLE, 2, '&dryRun=All')).toMatchObject({ status: 403, json: { message: expect.stringContaining('is attempting to grant RBAC permissions not currently held') } });
    expect((await apply(ROLE, 1, '&dryRun=All')).status).toBe(201);
    expect((await call('GET', path(ROLE))).status).toBe(404);
  });

  test('a namespace a dry run created does not exist for the next request; content applied into a dry-run-deleted namespace is admitted', async () => {
    expect((await apply(NS, 1, '&dryRun=All')).status).toBe(201);
    expect(await call('PATCH', '/api/v1/namespaces/dry/serviceaccounts/sa?fieldManager=eks-access', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }, APPLY))
      .toMatchObject({ status: 404, json: { message: 'namespaces "dry" not found' } });
    await apply(NS, 1, '');
    expect((await call('DELETE', '/api/v1/namespaces/dry?dryRun=All')).json).toMatchObject({ status: { phase: 'Terminating' } });
    expect(await call('GET', '/api/v1/namespaces/dry')).toMatchObject({ json: { status: { phase: 'Active' } } });
    expect((await call('PATCH', '/api/v1/namespaces/dry/serviceaccounts/sa?fieldManager=eks-access', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }, APPLY)).status).toBe(201);
    // Namespace lifecycle admission still refuses the protected ones.
    expect(await call('DELETE', '/api/v1/namespaces/kube-system?dryRun=All')).toMatchObject({ status: 403, json: { message: 'namespaces "kube-system" is forbidden: this namespace may not be deleted' } });
  });

  test('a dry-run DELETE of an object with finalizers answers it marked (deletionTimestamp, deletionGracePeriodSeconds 0) and leaves it unmarked', async () => {
    const SA = '/api/v1/namespaces/team/serviceaccounts/held';
    const held = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'held', namespace: 'team', finalizers: ['example.com/hold'] } };
    const live = await call('PATCH', `${SA}?fieldManager=tool`, held, APPLY);
    const dry = await call('DELETE', SA, { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] });
    expect(dry).toMatchObject({ status: 200, json: { kind: 'ServiceAccount', metadata: { deletionTimestamp: expect.any(String), deletionGracePeriodSeconds: 0, resourceVersion: metaOf(live).resourceVersion } } });
    expect(await call('GET', SA)).toEqual({ status: 200, json: live.json });
    expect((await call('DELETE', SA)).json).toMatchObject({ metadata: { deletionTimestamp: expect.any(String), deletionGracePeriodSeconds: 0 } });
  });

  test('a binding\'s roleRef change is refused (422) on a dry run too', async () => {
    const RB = KINDS.find((k) => k.kind === 'RoleBinding')!;
    await apply(RB, 1, '');
    const changed = { ...RB.object(1), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'edit' } };
    expect(await call('PATCH', `${path(RB)}?fieldManager=eks-access&dryRun=All`, changed, APPLY)).toMatchObject({
      status: 422, json: { message: 'RoleBinding.rbac.authorization.k8s.io "readers" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef' },
    });
  });
});
