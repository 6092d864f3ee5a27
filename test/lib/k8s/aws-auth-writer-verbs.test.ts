/**
 * The aws-auth writer's Role holds exactly the verbs the handler sends. The real handler runs
 * every lifecycle path (create, update, no-op, delete, lost races) against the stand-in API with
 * the Role from `awsAuthWriterRbac()` as its only permission; the stand-in turns each request
 * into the verb, resource and name Kubernetes authorizes (POST to the collection is `create`
 * with no name, PUT is `update`, ...). The rules derived from those questions must equal the
 * Role's rules: a verb the handler stops sending, or a new one it starts sending, fails here.
 */
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP } from '../../../lambda/aws-auth/api';
import type { RoleMapping } from '../../../lambda/aws-auth/api';
import { ApiGroups } from '../../../lib/k8s/manifest';
import type { PolicyRule } from '../../../lib/k8s/rbac';
import { awsAuthWriterRbac } from '../../../lib/k8s/rbac';
import { HARNESS_ACCOUNT, startHarness } from '../../support/handler-harness';
import type { Harness, MappingProps } from '../../support/handler-harness';
import type { KubeRequestRecord } from '../../support/kube-api-server';
import { TEST_IDENTITIES } from '../../support/identities';
import { RbacEvaluator, rbacAuthorizer } from '../../support/rbac-authorizer';
import { recordingAuthorizer } from '../../support/recording-authorizer';
import type { AuthzQuestion } from '../../support/recording-authorizer';

type Question = AuthzQuestion;

const HANDLER = TEST_IDENTITIES.handler.arn;
const OWNER = 'dev/Access/Mappings';
const roleEntry = (name: string, groups: string[]): RoleMapping => ({ rolearn: `arn:aws:iam::${HARNESS_ACCOUNT}:role/${name}`, username: name, groups });
const FIRST: MappingProps = { owner: OWNER, mapRoles: [roleEntry('developer', ['dev:edit'])] };
const SECOND: MappingProps = { owner: OWNER, mapRoles: [roleEntry('developer', ['dev:edit']), roleEntry('ops', ['ops'])] };

/** A harness whose Kubernetes API authorizes the handler by the writer Role alone, recording every question. */
async function writerOnly(): Promise<{ h: Harness; questions: Question[] }> {
  const h = await startHarness();
  const questions: Question[] = [];
  const authorize = rbacAuthorizer(new RbacEvaluator(awsAuthWriterRbac()), (user) => (user === HANDLER ? [WRITER_GROUP] : []));
  h.kube.setAuthorizer(recordingAuthorizer(authorize, HANDLER, questions));
  return { h, questions };
}

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/** Every lifecycle path of the handler, each from a fresh cluster: the questions asked and the requests sent. */
async function everyPath(): Promise<{ questions: Question[]; requests: KubeRequestRecord[] }> {
  const all: Question[] = [];
  const requests: KubeRequestRecord[] = [];
  const scenario = async (steps: (h: Harness) => Promise<unknown>) => {
    const { h, questions } = await writerOnly();
    open.push(h);
    await steps(h);
    all.push(...questions);
    requests.push(...h.kube.requests.filter((r) => r.identity === HANDLER));
  };
  const run = (h: Harness, type: 'Create' | 'Update' | 'Delete', props: MappingProps) => h.handler(h.event(type, props));
  // aws-auth absent: read, create.
  await scenario((h) => run(h, 'Create', FIRST));
  // Present: read and replace; unchanged: read only; delete: read and replace.
  await scenario(async (h) => {
    await run(h, 'Create', FIRST);
    await run(h, 'Update', SECOND);
    await run(h, 'Update', SECOND);
    await run(h, 'Delete', SECOND);
  });
  // Lost races: a replace and a create answered 409, then read again and retried.
  await scenario(async (h) => {
    await run(h, 'Create', FIRST);
    h.kube.injectFault({ kind: 'conflict', method: 'PUT' });
    await run(h, 'Update', SECOND);
  });
  await scenario(async (h) => {
    h.kube.injectFault({ kind: 'conflict', method: 'POST' });
    await run(h, 'Create', FIRST);
  });
  // Delete with aws-auth absent: read only.
  await scenario((h) => run(h, 'Delete', FIRST));
  return { questions: all, requests };
}

/** The least rules that answer every question: name-limited where every request named its object. */
function derivedRules(questions: readonly Question[]): PolicyRule[] {
  const named = [...new Set(questions.filter((q) => q.name !== undefined).map((q) => q.verb))].sort();
  const unnamed = [...new Set(questions.filter((q) => q.name === undefined).map((q) => q.verb))].sort();
  return [
    ...(named.length ? [{ apiGroups: [ApiGroups.core], resources: ['configmaps'], resourceNames: [AWS_AUTH_NAME], verbs: named }] : []),
    ...(unnamed.length ? [{ apiGroups: [ApiGroups.core], resources: ['configmaps'], verbs: unnamed }] : []),
  ];
}

const sortedVerbs = (rules: readonly PolicyRule[]) => rules.map((r) => ({ ...r, verbs: [...r.verbs].sort() }));

let questions: Question[];
let requests: KubeRequestRecord[];
beforeAll(async () => {
  ({ questions, requests } = await everyPath());
}, 60_000);

test('every request the handler sends is a ConfigMap request in kube-system, and each one was authorized once', () => {
  expect(requests.map((r) => `${r.method} ${r.status}`)).toEqual(expect.arrayContaining(['GET 404', 'POST 201', 'GET 200', 'PUT 200', 'PUT 409', 'POST 409']));
  expect(requests.filter((r) => !r.path.startsWith(`/api/v1/namespaces/${AWS_AUTH_NAMESPACE}/configmaps`))).toEqual([]);
  // Injected faults answer before authorization; every other request asked exactly one question.
  expect(questions).toHaveLength(requests.filter((r) => r.fault === undefined).length);
});

test('the handler asks about core ConfigMaps in kube-system only, and only ever names aws-auth', () => {
  expect(questions.length).toBeGreaterThan(10);
  const where = new Set(questions.map((q) => `${q.apiGroup}/${q.resource} in ${q.namespace}`));
  expect([...where]).toEqual([`/configmaps in ${AWS_AUTH_NAMESPACE}`]);
  expect([...new Set(questions.flatMap((q) => (q.name === undefined ? [] : [q.name])))]).toEqual([AWS_AUTH_NAME]);
});

test('the writer Role allows every request the handler sends (no 403 on any path)', () => {
  expect(questions.filter((q) => !q.allowed)).toEqual([]);
});

test('the verbs sent are get and update on aws-auth, and create (a POST, which names no object)', () => {
  expect(derivedRules(questions)).toEqual([
    { apiGroups: [''], resources: ['configmaps'], resourceNames: [AWS_AUTH_NAME], verbs: ['get', 'update'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
  ]);
});

test('the writer Role holds exactly the rules derived from the handler\'s requests, nothing more', () => {
  const [role] = awsAuthWriterRbac();
  expect(sortedVerbs(role.rules)).toEqual(sortedVerbs(derivedRules(questions)));
});

test('the derivation is not vacuous: a Role without update fails the handler with 403', async () => {
  const h = await startHarness();
  open.push(h);
  const [role, binding] = awsAuthWriterRbac();
  const withoutUpdate = { ...role, rules: role.rules.map((r) => ({ ...r, verbs: r.verbs.filter((v) => v !== 'update') })) };
  h.kube.setAuthorizer(rbacAuthorizer(new RbacEvaluator([withoutUpdate, binding]), (user) => (user === HANDLER ? [WRITER_GROUP] : [])));
  await h.handler(h.event('Create', FIRST));
  await expect(h.handler(h.event('Update', SECOND))).rejects.toThrow(/403|forbidden/i);
});
