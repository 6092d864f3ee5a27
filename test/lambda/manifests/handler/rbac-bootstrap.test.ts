/**
 * The RBAC bootstrap end to end: the real handler, the AWS stand-in's EKS access-policy APIs and
 * the kube stand-in authorizing as EKS does (the admin policy allows everything, else RBAC over
 * the stored objects with the access entry's groups). The window opens (associate, access review
 * allowed), the generated RBAC is applied, the window closes (disassociate, confirmed), also when
 * the apply fails; the manifests resource then works with that RBAC alone. A Delete after a run
 * killed inside its window (the admin association left behind) removes that association too.
 */
import { CLUSTER_ADMIN_POLICY_ARN, PREVIOUS_GENERATION_SUFFIX, manifestsUsername } from '../../../../lambda/manifests/api';
import { manifestsRbac } from '../../../../lib/k8s/manifests-rbac';
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import type { ManifestsHarness } from '../../../support/manifests-harness';
import { MANIFESTS_HANDLER_ROLE } from '../../../support/manifests-harness';
import { FUNCTION_ENTRY, OWNER, RBAC_OWNER, configMap, failure, harnessPerTest, namespace, run, stored, useAccessEntries } from './support';

const start = harnessPerTest();
const USERNAME = manifestsUsername(RBAC_OWNER);
const NAME = 'eks-access-manifests';
const ROLE_PATH = `/apis/rbac.authorization.k8s.io/v1/clusterroles/${NAME}`;
const BINDING_PATH = `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${NAME}`;

const APP: KubernetesObject[] = [namespace('team-a'), configMap('team-a', 'settings', { mode: 'strict' })];

async function bootstrapped(): Promise<ManifestsHarness> {
  const h = await start({ accessEntries: [FUNCTION_ENTRY] });
  useAccessEntries(h);
  return h;
}

function eksOps(h: ManifestsHarness, since = 0): string[] {
  return h.aws.requests.slice(since).filter((r) => r.service === 'eks').map((r) => `${r.operation} ${r.status}`);
}

function policies(h: ManifestsHarness): string[] {
  return h.aws.accessEntries.find((e) => e.principalArn === MANIFESTS_HANDLER_ROLE)!.policies.map((p) => p.policyArn);
}

/** What a run killed inside its window leaves: the admin policy associated to the function's entry. */
function leaveWindowOpen(h: ManifestsHarness): void {
  const i = h.aws.accessEntries.findIndex((e) => e.principalArn === MANIFESTS_HANDLER_ROLE);
  const entry = h.aws.accessEntries[i];
  h.aws.accessEntries[i] = { ...entry, policies: [...entry.policies, { policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: 'cluster' } }] };
}

describe('manifests handler: the RBAC bootstrap', () => {
  test('opens the admin window, applies the generated RBAC, closes the window; the manifests then apply with that RBAC alone', async () => {
    const h = await bootstrapped();
    const objects = manifestsRbac({ name: NAME, username: USERNAME, objects: APP });
    // Without the bootstrap, the function may do nothing.
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: APP }))).toMatch(/^Namespace team-a: the handler may not patch \(or, for a new object, create\) it/);

    const since = h.kube.requests.length;
    const awsSince = h.aws.requests.length;
    const result = await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects }));
    expect(result).toEqual({
      PhysicalResourceId: `manifests-rbac/demo/${RBAC_OWNER}`,
      Data: { Created: '2', Changed: '0', Unchanged: '0', Deleted: '0', Summary: `created 2: ClusterRole ${NAME}, ClusterRoleBinding ${NAME}` },
    });
    expect(eksOps(h, awsSince)).toEqual([
      'DescribeCluster 200', 'ListAssociatedAccessPolicies 200', 'AssociateAccessPolicy 200', 'DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200',
    ]);
    expect(h.requestLog(since)).toEqual([
      'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews 201',
      `GET ${ROLE_PATH} 404`, `PATCH ${ROLE_PATH} 201`, `GET ${BINDING_PATH} 404`, `PATCH ${BINDING_PATH} 201`,
    ]);
    expect(policies(h)).toEqual([]);
    expect(stored(h, 'ClusterRole', undefined, NAME)?.rules).toEqual(objects[0].rules);

    // The manifests resource, with the generated RBAC only (no admin): every object applied.
    expect((await run(h, 'Create', { owner: OWNER, objects: APP })).Data).toMatchObject({ Created: '2' });
    // An object the RBAC does not name is refused.
    expect(await failure(run(h, 'Create', { owner: 'other', objects: [configMap('team-a', 'other', {})] }))).toMatch(/^ConfigMap team-a\/other: the handler may not patch/);
  });

  test('the window closes when the apply fails, and the failure is the apply\'s', async () => {
    const h = await bootstrapped();
    h.kube.injectFault({ kind: 'error', method: 'PATCH', path: ROLE_PATH, times: 6 });
    const message = await failure(h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects: manifestsRbac({ name: NAME, username: USERNAME, objects: APP }) })));
    expect(message).toBe(`ClusterRole ${NAME}: the apply failed with HTTP 500 InternalError: Internal error occurred: injected fault`);
    expect(eksOps(h).slice(-2)).toEqual(['DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200']);
    expect(policies(h)).toEqual([]);
    expect(stored(h, 'ClusterRole', undefined, NAME)).toBeUndefined();
  });

  test('Update applies the new pair and the previous generation (get, patch, delete on what the old pair named)', async () => {
    const h = await bootstrapped();
    const old = manifestsRbac({ name: NAME, username: USERNAME, objects: APP });
    await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects: old }));
    await run(h, 'Create', { owner: OWNER, objects: APP });
    const next = manifestsRbac({ name: NAME, username: USERNAME, objects: [namespace('team-a')] });
    const result = await h.handler(h.rbacEvent('Update', { owner: RBAC_OWNER, objects: next }, { OldResourceProperties: h.rbacEvent('Update', { owner: RBAC_OWNER, objects: old }).ResourceProperties }));
    expect(result.Data).toEqual({
      Created: '2', Changed: '1', Unchanged: '1', Deleted: '0',
      Summary: `created 2: ClusterRole ${NAME}${PREVIOUS_GENERATION_SUFFIX}, ClusterRoleBinding ${NAME}${PREVIOUS_GENERATION_SUFFIX}; changed 1: ClusterRole ${NAME}; unchanged 1`,
    });
    const previous = stored(h, 'ClusterRole', undefined, `${NAME}${PREVIOUS_GENERATION_SUFFIX}`);
    expect(previous?.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch', 'delete'], resourceNames: ['settings'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'patch', 'delete'], resourceNames: ['team-a'] },
    ]);
    expect(stored(h, 'ClusterRoleBinding', undefined, `${NAME}${PREVIOUS_GENERATION_SUFFIX}`)?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${NAME}${PREVIOUS_GENERATION_SUFFIX}` });
    // The manifests resource prunes the ConfigMap the new pair no longer names: only the previous generation allows it.
    const pruned = await run(h, 'Update', { owner: OWNER, objects: [namespace('team-a')] }, { owner: OWNER, objects: APP });
    expect(pruned.Data).toMatchObject({ Unchanged: '1', Deleted: '1', Summary: 'unchanged 1; deleted 1: ConfigMap team-a/settings' });
    expect(stored(h, 'ConfigMap', 'team-a', 'settings')).toBeUndefined();
    expect(policies(h)).toEqual([]);
  });

  test('Delete removes the pair and the previous generation inside the window; a gone cluster is success', async () => {
    const h = await bootstrapped();
    const objects = manifestsRbac({ name: NAME, username: USERNAME, objects: APP });
    await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects }));
    const result = await h.handler(h.rbacEvent('Delete', { owner: RBAC_OWNER, objects }));
    expect(result.Data).toEqual({ Created: '0', Changed: '0', Unchanged: '0', Deleted: '2', Summary: `deleted 2: ClusterRoleBinding ${NAME}, ClusterRole ${NAME}` });
    expect(stored(h, 'ClusterRole', undefined, NAME)).toBeUndefined();
    expect(policies(h)).toEqual([]);
    expect(await h.handler(h.rbacEvent('Delete', { owner: RBAC_OWNER, objects, clusterName: 'deleted-cluster' }))).toEqual({ PhysicalResourceId: `manifests-rbac/deleted-cluster/${RBAC_OWNER}` });
  });

  test('a Delete closes a window a killed run left open: the admin association it finds is gone when it answers', async () => {
    const lines: string[] = [];
    const h = await start({ accessEntries: [FUNCTION_ENTRY], log: (level, message) => { lines.push(`${level}: ${message}`); } });
    useAccessEntries(h);
    const objects = manifestsRbac({ name: NAME, username: USERNAME, objects: APP });
    await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects }));
    // A later run associated the admin policy and was killed inside its window (Lambda timeout).
    leaveWindowOpen(h);
    expect(policies(h)).toEqual([CLUSTER_ADMIN_POLICY_ARN]);
    const awsSince = h.aws.requests.length;
    const result = await h.handler(h.rbacEvent('Delete', { owner: RBAC_OWNER, objects }));
    expect(result.Data).toMatchObject({ Deleted: '2' });
    expect(eksOps(h, awsSince)).toEqual([
      'DescribeCluster 200', 'ListAssociatedAccessPolicies 200', 'AssociateAccessPolicy 200', 'DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200',
    ]);
    expect(lines).toContain('warn: admin window: the admin policy is already associated (a standing admin association, which this design removes); it will be disassociated when the window closes');
    expect(policies(h)).toEqual([]);
  });

  test('a Delete that fails still closes the window a killed run left open, and the failure is the delete\'s', async () => {
    const h = await bootstrapped();
    const objects = manifestsRbac({ name: NAME, username: USERNAME, objects: APP });
    await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects }));
    leaveWindowOpen(h);
    h.kube.injectFault({ kind: 'error', method: 'DELETE', path: BINDING_PATH, times: 6 });
    expect(await failure(h.handler(h.rbacEvent('Delete', { owner: RBAC_OWNER, objects }))))
      .toBe(`ClusterRoleBinding ${NAME}: the delete failed with HTTP 500 InternalError: Internal error occurred: injected fault`);
    expect(eksOps(h).slice(-2)).toEqual(['DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200']);
    expect(policies(h)).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a principal that is a session, not the role', { PrincipalArn: 'arn:aws:sts::111122223333:assumed-role/x/y' }, 'property PrincipalArn = "arn:aws:sts::111122223333:assumed-role/x/y" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the ARN of the role the function\'s access entry names'],
    ['a cluster name EKS would refuse', { ClusterName: 'a b' }, 'property ClusterName = "a b" is not an EKS cluster name (1-100 letters, digits, \'-\' and \'_\', starting with a letter or digit); pass the cluster\'s name'],
    ['patches', { Patches: '[]' }, 'Custom::EksAccessManifestsRbac: property Patches is not one it takes (it takes ClusterName, Owner, Objects, PrincipalArn; ClusterName, Owner, Objects, PrincipalArn required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['no Objects (a construct that renamed the property)', { Objects: undefined }, 'Custom::EksAccessManifestsRbac: property Objects is missing (it takes ClusterName, Owner, Objects, PrincipalArn; ClusterName, Owner, Objects, PrincipalArn required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['a binding to another provider\'s user', { Objects: JSON.stringify(manifestsRbac({ name: NAME, username: manifestsUsername('workloads-rbac'), objects: APP })) }, `ClusterRoleBinding ${NAME}: subjects [{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"eks-access:manifests:workloads-rbac"}] are not the provider's own user; the RBAC bootstrap binds only {"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"eks-access:manifests:${RBAC_OWNER}"} (the username of the function's access entry, from its owner id "${RBAC_OWNER}"), so let the manifests construct render its Objects`],
  ])('properties are checked before any call: %s', async (_what, change, message) => {
    const h = await bootstrapped();
    const event = h.rbacEvent('Create', { owner: RBAC_OWNER, objects: manifestsRbac({ name: NAME, username: USERNAME, objects: APP }) });
    const properties = Object.fromEntries(Object.entries({ ...event.ResourceProperties, ...change }).filter(([, v]) => v !== undefined));
    expect(await failure(h.handler({ ...event, ResourceProperties: properties }))).toBe(message);
    expect(h.aws.requests).toEqual([]);
    expect(CLUSTER_ADMIN_POLICY_ARN).toBe('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy');
  });

  test('a Delete whose objects are not the generated pair removes what they declare, without a previous generation', async () => {
    const lines: string[] = [];
    const h = await start({ accessEntries: [FUNCTION_ENTRY], log: (level, message) => { lines.push(`${level}: ${message}`); } });
    useAccessEntries(h);
    const objects = [configMap('default', 'odd', { a: '1' })];
    await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects }));
    expect((await h.handler(h.rbacEvent('Delete', { owner: RBAC_OWNER, objects }))).Data).toMatchObject({ Deleted: '1', Summary: 'deleted 1: ConfigMap default/odd' });
    expect(lines).toContain('warn: no previous generation derived from the properties: only the declared objects are removed');
    expect(policies(h)).toEqual([]);
  });

  test('an Update whose old properties do not parse applies the new pair without a previous generation', async () => {
    const h = await bootstrapped();
    const objects = manifestsRbac({ name: NAME, username: USERNAME, objects: APP });
    const result = await h.handler(h.rbacEvent('Update', { owner: RBAC_OWNER, objects }, { OldResourceProperties: { Objects: '{' } }));
    expect(result.Data).toMatchObject({ Created: '2', Summary: `created 2: ClusterRole ${NAME}, ClusterRoleBinding ${NAME}` });
  });
});
