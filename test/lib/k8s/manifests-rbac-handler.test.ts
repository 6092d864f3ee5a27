/**
 * The generated RBAC is enough for the real manifests handler, and it is all it uses. The
 * handler runs against the HTTPS stand-in with the generated pair (lib/k8s/manifests-rbac.ts)
 * as its only permission, as the RBAC bootstrap leaves it: create, an update that changes,
 * replaces (roleRef) and prunes, a patch and its release, and delete with namespace deletion.
 * On Update the bootstrap also keeps the previous generation (core/previous.ts), so the pruning
 * of what the old generation named is authorized by it. The stand-in turns every request into
 * the question Kubernetes asks (an apply that creates is `create` with the object's name;
 * escalate and bind on the names), so a verb the handler needs and the RBAC lacks fails here,
 * and a generated rule the handler never uses shows in the last test.
 */
import { NAMESPACE_DELETE, NAMESPACE_ON_DELETE_ANNOTATION, manifestsUsername } from '../../../lambda/manifests/api';
import { previousGeneration } from '../../../lambda/manifests/core/previous';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import { manifestsRbac } from '../../../lib/k8s/manifests-rbac';
import type { ManifestsRbacRule } from '../../../lib/k8s/manifests-rbac';
import { MANIFESTS_HANDLER_IDENTITY } from '../../../lib/sandbox/manifests-harness';
import type { ManifestsEventProps, ManifestsHarness } from '../../../lib/sandbox/manifests-harness';
import { PRIVILEGED_GROUP, RbacEvaluator, rbacAuthorizer } from '../../../lib/sandbox/rbac-authorizer';
import { recordingAuthorizer } from '../../support/recording-authorizer';
import type { AuthzQuestion } from '../../support/recording-authorizer';
import type { RbacObject } from '../../../lib/sandbox/rbac-authorizer';
import { TEST_IDENTITIES } from '../../support/identities';
import { asDeployer, configMap, harnessPerTest, namespace, networkPolicy, role, roleBinding, run, serviceAccount, stored } from '../../lambda/manifests/handler/support';

const start = harnessPerTest();
const OWNER = 'team-a-manifests';
const RBAC_NAME = 'eks-access-manifests-test';
const HANDLER = MANIFESTS_HANDLER_IDENTITY.arn;
const USERNAME = manifestsUsername('demo-manifests-rbac');

type Question = AuthzQuestion;

const FIRST: ManifestsEventProps = {
  owner: OWNER,
  objects: [
    namespace('team-a', { [NAMESPACE_ON_DELETE_ANNOTATION]: NAMESPACE_DELETE }),
    configMap('team-a', 'settings', { mode: 'strict' }),
    serviceAccount('team-a', 'app'),
    role('team-a', 'reader'),
    role('team-a', 'writer', ['services']),
    roleBinding('team-a', 'readers', 'reader'),
    networkPolicy('team-a', 'default-deny'),
  ],
};
const SECOND: ManifestsEventProps = {
  owner: OWNER,
  objects: [
    namespace('team-a', { [NAMESPACE_ON_DELETE_ANNOTATION]: NAMESPACE_DELETE }),
    configMap('team-a', 'settings', { mode: 'relaxed' }),
    serviceAccount('team-a', 'app'),
    role('team-a', 'reader'),
    role('team-a', 'writer', ['services']),
    roleBinding('team-a', 'readers', 'writer'),
  ],
  patches: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'kube-system' }, data: { 'team-a': 'on' } }],
};
const THIRD: ManifestsEventProps = { ...SECOND, patches: [] };

const rbacOf = (props: ManifestsEventProps) => manifestsRbac({ name: RBAC_NAME, username: USERNAME, objects: props.objects ?? [], patches: props.patches ?? [] });

/** A harness whose API authorizes the handler by `rbac` alone (the deployer is an admin), recording the handler's questions. */
async function onlyGenerated(): Promise<{ h: ManifestsHarness; questions: Question[]; grant: (objects: readonly KubernetesObject[]) => void }> {
  const h = await start();
  const evaluator = new RbacEvaluator();
  const groupsOf = (user: string) => (user === TEST_IDENTITIES.deployer.arn ? [PRIVILEGED_GROUP] : []);
  const authorize = rbacAuthorizer(evaluator, groupsOf);
  const questions: Question[] = [];
  h.kube.setCallerGroups(groupsOf);
  // RBAC sees the handler as its access entry's username, as EKS hands it to Kubernetes.
  h.kube.setAuthorizer(recordingAuthorizer(authorize, HANDLER, questions, USERNAME));
  /** What the bootstrap applies: the generation, replacing what it applied before. */
  const grant = (objects: readonly KubernetesObject[]) => {
    for (const o of evaluator.list()) evaluator.remove(o.kind, o.metadata.name, o.metadata.namespace);
    evaluator.apply(...(objects as unknown as RbacObject[]));
  };
  return { h, questions, grant };
}

/** The ConfigMap another tool owns and SECOND patches. */
async function seedShared(h: ManifestsHarness): Promise<void> {
  const deployer = await asDeployer(h);
  const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'kube-system' }, data: { base: 'x' } };
  await deployer('PATCH', '/api/v1/namespaces/kube-system/configmaps/shared?fieldManager=kubectl&force=true', body, { 'Content-Type': 'application/apply-patch+yaml' });
}

/** Every lifecycle path, on one cluster, each step under the RBAC the bootstrap leaves for it. */
async function lifecycle(): Promise<{ h: ManifestsHarness; questions: Question[] }> {
  const { h, questions, grant } = await onlyGenerated();
  await seedShared(h);

  grant(rbacOf(FIRST));
  await run(h, 'Create', FIRST);
  grant([...rbacOf(SECOND), ...previousGeneration(rbacOf(FIRST))]);
  await run(h, 'Update', SECOND, FIRST);
  grant([...rbacOf(THIRD), ...previousGeneration(rbacOf(SECOND))]);
  await run(h, 'Update', THIRD, SECOND);
  await run(h, 'Delete', THIRD);
  return { h, questions };
}

test('every step succeeds and every question the handler causes is allowed by the generated RBAC (with the previous generation on Update)', async () => {
  const { h, questions } = await lifecycle();
  expect(questions.filter((q) => !q.allowed)).toEqual([]);
  expect(questions.length).toBeGreaterThan(0);
  expect(stored(h, 'Namespace', undefined, 'team-a')).toBeUndefined();
  expect(stored(h, 'ConfigMap', 'kube-system', 'shared')?.data).toEqual({ base: 'x' });
});

test('the handler is refused what the RBAC does not name: an object added without its generation', async () => {
  const { h, grant } = await onlyGenerated();
  grant(rbacOf(FIRST));
  const extra: ManifestsEventProps = { ...FIRST, objects: [...(FIRST.objects ?? []), configMap('team-a', 'not-granted', { a: 'b' })] };
  await expect(run(h, 'Create', extra)).rejects.toThrow(/ConfigMap team-a\/not-granted: the handler may not patch \(or, for a new object, create\) it/);
});

test('every generated rule is used: each verb on each name of the first generation is asked at least once', async () => {
  const { questions } = await lifecycle();
  const asked = new Set(questions.filter((q) => q.allowed).map((q) => `${q.verb} ${q.apiGroup}/${q.resource} ${q.name ?? ''}`));
  const [clusterRole] = rbacOf(FIRST);
  const granted = (clusterRole.rules as ManifestsRbacRule[]).flatMap((r) => r.verbs.flatMap((v) => r.resourceNames.map((n) => `${v} ${r.apiGroups[0]}/${r.resources[0]} ${n}`)));
  expect(granted.filter((g) => !asked.has(g))).toEqual([]);
});

test('without the previous generation the prune of what the old generation named is refused (why the bootstrap keeps it)', async () => {
  const { h, grant } = await onlyGenerated();
  await seedShared(h);
  grant(rbacOf(FIRST));
  await run(h, 'Create', FIRST);
  grant(rbacOf(SECOND));
  await expect(run(h, 'Update', SECOND, FIRST)).rejects.toThrow(/NetworkPolicy team-a\/default-deny: the handler may not delete it/);
});
