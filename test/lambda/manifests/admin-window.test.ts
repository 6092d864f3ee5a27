/**
 * The admin window end to end: the function's own EKS edge (real SDK) against the AWS stand-in,
 * its own Kubernetes client against the kube stand-in whose authorizer honours the admin access
 * policy (as EKS does) and otherwise the RBAC the cluster stores. The work is the bootstrap's
 * real job: server-side apply of the generated RBAC (lib/k8s/manifests-rbac.ts).
 */
import { applyObject } from '../../../lambda/edge/kube-objects';
import { KubeApiError } from '../../../lambda/edge/kube-errors';
import { CLUSTER_ADMIN_POLICY_ARN, FIELD_MANAGER } from '../../../lambda/manifests/api';
import { ADMIN_WINDOW_TIMING, AdminWindowCloseError, AdminWindowNotInEffectError, closeAdminWindow, withAdminWindow } from '../../../lambda/manifests/admin-window';
import { manifestsRbac } from '../../../lib/k8s/manifests-rbac';
import type { WindowSetup } from './admin-window-setup';
import { CLUSTER, FN_IDENTITY, FN_ROLE, FN_USERNAME, startWindowSetup } from './admin-window-setup';

const RBAC_PATH = '/apis/rbac.authorization.k8s.io/v1';
const [ROLE, BINDING] = manifestsRbac({ name: 'eks-access-manifests', username: FN_USERNAME, objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }] });
const FAST = { ...ADMIN_WINDOW_TIMING, closeFirstDelayMs: 20, closeMaxDelayMs: 40, pollFirstDelayMs: 50, pollMaxDelayMs: 200 };
const WINDOW_EKS_OPS = ['ListAssociatedAccessPolicies 200', 'AssociateAccessPolicy 200', 'DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200'];
const SSAR = 'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews 201';

let s: WindowSetup;
afterEach(async () => {
  await s.close();
});

/** The bootstrap's work: apply the generated ClusterRole and its binding; what isAdmin said meanwhile. */
async function applyRbac(): Promise<boolean> {
  const admin = await s.isAdmin();
  await applyObject(s.client, `${RBAC_PATH}/clusterroles/${ROLE.metadata.name}`, ROLE, FIELD_MANAGER);
  await applyObject(s.client, `${RBAC_PATH}/clusterrolebindings/${BINDING.metadata.name}`, BINDING, FIELD_MANAGER);
  return admin;
}

const policiesOfFn = () => s.aws.accessEntries.find((e) => e.principalArn === FN_ROLE)!.policies.map((p) => p.policyArn);

describe('the window against the stand-ins', () => {
  test('closed before, admin inside, closed after: the function is back to the RBAC it applied; exact requests', async () => {
    s = await startWindowSetup();
    await expect(s.isAdmin()).resolves.toBe(false);
    await expect(applyRbac()).rejects.toMatchObject({ status: 403 });
    const kubeBefore = s.kube.requests.length;
    s.aws.requests.length = 0;

    await expect(withAdminWindow(s.options(), applyRbac)).resolves.toBe(true);

    expect(s.eksOps()).toEqual(WINDOW_EKS_OPS);
    expect(s.kubeOps().slice(kubeBefore)).toEqual([
      SSAR,
      SSAR,
      `PATCH ${RBAC_PATH}/clusterroles/eks-access-manifests 201`,
      `PATCH ${RBAC_PATH}/clusterrolebindings/eks-access-manifests 201`,
    ]);
    expect(policiesOfFn()).toEqual([]);
    await expect(s.isAdmin()).resolves.toBe(false);
    // The RBAC it applied is what it has now: team-a by name, nothing else.
    const review = (name: string) => s.client.createSelfSubjectAccessReview({ resourceAttributes: { verb: 'delete', resource: 'namespaces', name } });
    await expect(review('team-a')).resolves.toMatchObject({ allowed: true });
    await expect(review('kube-system')).resolves.toEqual({ allowed: false });
    expect(s.logs.map((l) => l.message)).toEqual(['admin window: associated', 'admin window: in effect', 'admin window: disassociated']);
    const printed = JSON.stringify(s.logs);
    for (const secret of [FN_IDENTITY.secretAccessKey, FN_IDENTITY.sessionToken!, 'k8s-aws-v1.']) expect(printed).not.toContain(secret);
  });

  test('with a propagation delay, the review says no until it has passed; the work runs only with admin', async () => {
    s = await startWindowSetup({ propagationDelayMs: 400 });
    await expect(withAdminWindow(s.options({ timing: FAST }), applyRbac)).resolves.toBe(true);
    const effect = s.logs.find((l) => l.message === 'admin window: in effect')!.fields!;
    expect(effect.afterMs).toBeGreaterThanOrEqual(400);
    expect(effect.reviews).toBeGreaterThanOrEqual(2);
    const reviews = s.kube.requests.filter((r) => r.path.endsWith('/selfsubjectaccessreviews')).length;
    expect(reviews).toBe((effect.reviews as number) + 1);
    expect(s.eksOps()).toEqual(WINDOW_EKS_OPS);
    expect(policiesOfFn()).toEqual([]);
  });

  test('a failing work: still disassociated, the work\'s own error', async () => {
    s = await startWindowSetup();
    const e = await withAdminWindow(s.options(), async () => {
      await applyObject(s.client, `${RBAC_PATH}/clusterroles/${ROLE.metadata.name}`, ROLE, FIELD_MANAGER);
      await applyObject(s.client, `${RBAC_PATH}/clusterrolebindings/x`, { ...BINDING, metadata: { name: 'y' } }, FIELD_MANAGER);
    }).then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(KubeApiError);
    expect((e as KubeApiError).status).toBe(400);
    expect(s.eksOps()).toEqual(WINDOW_EKS_OPS);
    expect(policiesOfFn()).toEqual([]);
  });

  test('disassociate failing transiently: retried until it closes', async () => {
    s = await startWindowSetup();
    // The SDK makes 3 attempts per call: the first call fails, the second succeeds on its second attempt.
    s.aws.failNext('DisassociateAccessPolicy', { status: 500, code: 'ServerException', times: 4 });
    await expect(withAdminWindow(s.options({ timing: FAST }), applyRbac)).resolves.toBe(true);
    expect(s.eksOps()).toEqual([
      'ListAssociatedAccessPolicies 200', 'AssociateAccessPolicy 200',
      ...Array(4).fill('DisassociateAccessPolicy 500 ServerException'), 'DisassociateAccessPolicy 200',
      'ListAssociatedAccessPolicies 200',
    ]);
    expect(s.logs.filter((l) => l.level === 'warn').map((l) => l.fields?.attempt)).toEqual([1]);
    expect(s.logs.at(-1)).toMatchObject({ message: 'admin window: disassociated', fields: { attempts: 2 } });
    expect(policiesOfFn()).toEqual([]);
  });

  test('disassociate refused for good: the sentence with the command, and it is true (the principal is still admin)', async () => {
    s = await startWindowSetup();
    s.aws.deny(FN_IDENTITY.arn, 'eks:DisassociateAccessPolicy');
    const e = await withAdminWindow(s.options({ timing: FAST }), applyRbac).then(() => undefined, (err: unknown) => err as Error);
    expect(e).toBeInstanceOf(AdminWindowCloseError);
    expect(e!.message).toBe(`The temporary association of ${CLUSTER_ADMIN_POLICY_ARN} to ${FN_ROLE} on cluster ${CLUSTER} could not be removed after 1 attempt `
      + `(AccessDeniedException: User: ${FN_IDENTITY.arn} is not authorized to perform: eks:DisassociateAccessPolicy on resource: arn:aws:eks:eu-west-1:111122223333:cluster/${CLUSTER}); `
      + `the principal holds cluster admin until it is: run aws eks disassociate-access-policy --cluster-name ${CLUSTER} --principal-arn ${FN_ROLE} --policy-arn ${CLUSTER_ADMIN_POLICY_ARN}. The RBAC apply itself succeeded.`);
    expect(policiesOfFn()).toEqual([CLUSTER_ADMIN_POLICY_ARN]);
    await expect(s.isAdmin()).resolves.toBe(true);
    expect(s.eksOps()).toEqual(['ListAssociatedAccessPolicies 200', 'AssociateAccessPolicy 200', 'DisassociateAccessPolicy 403 AccessDeniedException']);
  });

  test('never in effect: fails, work never ran, the association is removed', async () => {
    s = await startWindowSetup({ propagationDelayMs: 600_000 });
    let ran = false;
    const e = await withAdminWindow(s.options({ timing: FAST, deadline: Date.now() + FAST.closeReserveMs + 300 }), async () => { ran = true; })
      .then(() => undefined, (err: unknown) => err as Error);
    expect(ran).toBe(false);
    expect(e).toBeInstanceOf(AdminWindowNotInEffectError);
    expect(e!.message).toMatch(new RegExp(`^The association of ${CLUSTER_ADMIN_POLICY_ARN} to ${FN_ROLE} on cluster prod did not take effect within 0\\.\\d s \\(\\d access reviews said no\\); nothing was applied; it has been removed$`));
    expect(s.eksOps()).toEqual(WINDOW_EKS_OPS);
    expect(policiesOfFn()).toEqual([]);
    expect(s.kube.requests.every((r) => r.path.endsWith('/selfsubjectaccessreviews'))).toBe(true);
  });

  test('a standing association: warned about, and removed with the window', async () => {
    s = await startWindowSetup({ policies: [{ policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: 'cluster' } }] });
    await expect(s.isAdmin()).resolves.toBe(true);
    await expect(withAdminWindow(s.options(), applyRbac)).resolves.toBe(true);
    expect(s.logs[0]).toEqual({
      level: 'warn',
      message: 'admin window: the admin policy is already associated (a standing admin association, which this design removes); it will be disassociated when the window closes',
      fields: { clusterName: CLUSTER, principalArn: FN_ROLE, policyArn: CLUSTER_ADMIN_POLICY_ARN },
    });
    expect(policiesOfFn()).toEqual([]);
    await expect(s.isAdmin()).resolves.toBe(false);
  });

  test('closeAdminWindow removes what a killed run left, and is a 404 and a list when nothing is left', async () => {
    s = await startWindowSetup({ policies: [{ policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: 'cluster' } }] });
    const options = s.options();
    await closeAdminWindow(options);
    expect(policiesOfFn()).toEqual([]);
    await expect(s.isAdmin()).resolves.toBe(false);
    await closeAdminWindow(options);
    expect(s.eksOps()).toEqual([
      'DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200',
      'DisassociateAccessPolicy 404 ResourceNotFoundException', 'ListAssociatedAccessPolicies 200',
    ]);
  });
});
