/** The stand-in's Associate/DisassociateAccessPolicy, called directly: what they change, and every refusal. */
import type { AccessPolicyRouteContext } from '../../support/eks-access-policy-routes';
import { associateAccessPolicy, disassociateAccessPolicy } from '../../support/eks-access-policy-routes';
import type { StandInAccessEntry } from '../../support/aws-endpoints';

const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const VIEW = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
const ROLE = 'arn:aws:iam::111122223333:role/fn';
const CALLER = 'arn:aws:iam::111122223333:user/deployer';
const T0 = new Date('2026-12-01T10:00:00Z');
const T1 = new Date('2026-12-01T10:05:00Z');

function ctx(entries: StandInAccessEntry[] = [{ clusterName: 'prod', principalArn: ROLE, policies: [] }], at = T0, denied: string[] = []) {
  const clock = { at };
  const c: AccessPolicyRouteContext = {
    region: 'eu-west-1', account: '111122223333',
    clusters: [{ name: 'prod', endpoint: 'https://x', caData: 'y' }, { name: 'old', endpoint: 'https://x', caData: 'y', authenticationMode: 'CONFIG_MAP' }, { name: 'api', endpoint: 'https://x', caData: 'y', authenticationMode: 'API' }],
    accessEntries: entries,
    denied: (arn, action) => denied.includes(`${arn} ${action}`),
    now: () => clock.at,
  };
  return { c, clock };
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const body = (reply: { body: string }) => JSON.parse(reply.body) as Record<string, unknown>;
const assoc = (c: AccessPolicyRouteContext, payload: unknown, cluster = 'prod', principal = ROLE, type = 'application/json') =>
  associateAccessPolicy(c, CALLER, cluster, principal, type, Buffer.isBuffer(payload) ? payload : json(payload));

describe('AssociateAccessPolicy', () => {
  test('adds the association with its time and answers as EKS does', () => {
    const { c } = ctx();
    const reply = assoc(c, { policyArn: ADMIN, accessScope: { type: 'cluster' } });
    expect(reply.status).toBe(200);
    expect(body(reply)).toEqual({
      clusterName: 'prod', principalArn: ROLE,
      associatedAccessPolicy: { policyArn: ADMIN, accessScope: { type: 'cluster', namespaces: [] }, associatedAt: T0.getTime() / 1000, modifiedAt: T0.getTime() / 1000 },
    });
    expect(c.accessEntries).toEqual([{ clusterName: 'prod', principalArn: ROLE, policies: [{ policyArn: ADMIN, accessScope: { type: 'cluster' }, associatedAt: T0, modifiedAt: T0 }] }]);
  });

  test('a namespace scope keeps its namespaces (wildcards too); other entries and policies stay', () => {
    const other = { clusterName: 'prod', principalArn: 'arn:aws:iam::111122223333:role/other', policies: [] };
    const { c } = ctx([other, { clusterName: 'prod', principalArn: ROLE, policies: [{ policyArn: VIEW, accessScope: { type: 'cluster' } }], kubernetesGroups: ['g'] }]);
    const reply = assoc(c, { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['team-a', 'dev-*'] } });
    expect((body(reply).associatedAccessPolicy as { accessScope: unknown }).accessScope).toEqual({ type: 'namespace', namespaces: ['team-a', 'dev-*'] });
    expect(c.accessEntries[0]).toBe(other);
    expect(c.accessEntries[1]).toEqual({
      clusterName: 'prod', principalArn: ROLE, kubernetesGroups: ['g'],
      policies: [{ policyArn: VIEW, accessScope: { type: 'cluster' } }, { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['team-a', 'dev-*'] }, associatedAt: T0, modifiedAt: T0 }],
    });
  });

  test('associating again replaces the scope in place, keeps associatedAt and moves modifiedAt; the other policies stay', () => {
    const { c, clock } = ctx();
    assoc(c, { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['a'] } });
    assoc(c, { policyArn: VIEW, accessScope: { type: 'cluster' } });
    clock.at = T1;
    const reply = assoc(c, { policyArn: ADMIN, accessScope: { type: 'cluster', namespaces: [] } });
    expect(body(reply).associatedAccessPolicy).toEqual({ policyArn: ADMIN, accessScope: { type: 'cluster', namespaces: [] }, associatedAt: T0.getTime() / 1000, modifiedAt: T1.getTime() / 1000 });
    expect(c.accessEntries[0].policies).toEqual([
      { policyArn: ADMIN, accessScope: { type: 'cluster' }, associatedAt: T0, modifiedAt: T1 },
      { policyArn: VIEW, accessScope: { type: 'cluster' }, associatedAt: T0, modifiedAt: T0 },
    ]);
  });

  test('an API-mode cluster accepts it', () => {
    const { c } = ctx([{ clusterName: 'api', principalArn: ROLE, policies: [] }]);
    expect(assoc(c, { policyArn: ADMIN, accessScope: { type: 'cluster' } }, 'api').status).toBe(200);
  });

  test.each<[string, unknown, number, string, string]>([
    ['a scope that is not an object', { policyArn: ADMIN, accessScope: 'cluster' }, 400, 'InvalidParameterException', 'accessScope is required and must be an object with a type'],
    ['no scope', { policyArn: ADMIN }, 400, 'InvalidParameterException', 'accessScope is required and must be an object with a type'],
    ['a scope list', { policyArn: ADMIN, accessScope: [] }, 400, 'InvalidParameterException', 'accessScope is required and must be an object with a type'],
    ['an unknown scope type', { policyArn: ADMIN, accessScope: { type: 'account' } }, 400, 'InvalidParameterException', 'accessScope.type must be one of [cluster, namespace], got "account"'],
    ['a scope without type', { policyArn: ADMIN, accessScope: {} }, 400, 'InvalidParameterException', 'accessScope.type must be one of [cluster, namespace], got undefined'],
    ['a cluster scope with namespaces', { policyArn: ADMIN, accessScope: { type: 'cluster', namespaces: ['a'] } }, 400, 'InvalidParameterException', 'accessScope.namespaces must be empty when accessScope.type is cluster'],
    ['a namespace scope without namespaces', { policyArn: ADMIN, accessScope: { type: 'namespace' } }, 400, 'InvalidParameterException', 'accessScope.namespaces is required when accessScope.type is namespace'],
    ['namespaces not a list', { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: 'a' } }, 400, 'InvalidParameterException', 'accessScope.namespaces must be a list of Kubernetes namespace names (a `*` wildcard allowed)'],
    ['a namespace that is no name', { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['Team_A'] } }, 400, 'InvalidParameterException', 'accessScope.namespaces must be a list of Kubernetes namespace names (a `*` wildcard allowed)'],
    ['a namespace too long', { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['a'.repeat(64)] } }, 400, 'InvalidParameterException', 'accessScope.namespaces must be a list of Kubernetes namespace names (a `*` wildcard allowed)'],
    ['a namespace that is no string', { policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: [1] } }, 400, 'InvalidParameterException', 'accessScope.namespaces must be a list of Kubernetes namespace names (a `*` wildcard allowed)'],
    ['an unknown scope field', { policyArn: ADMIN, accessScope: { type: 'cluster', cluster: 'x' } }, 400, 'InvalidParameterException', 'accessScope has unknown field(s) cluster'],
    ['an unknown field', { policyArn: ADMIN, accessScope: { type: 'cluster' }, principalArn: ROLE, x: 1 }, 400, 'InvalidParameterException', 'unknown field(s) principalArn, x for AssociateAccessPolicy'],
    ['no policy', { accessScope: { type: 'cluster' } }, 400, 'InvalidParameterException', 'policyArn undefined is not an access policy ARN'],
    ['an IAM policy ARN', { policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', accessScope: { type: 'cluster' } }, 400, 'InvalidParameterException', 'policyArn "arn:aws:iam::aws:policy/AdministratorAccess" is not an access policy ARN'],
    ['a list body', [], 400, 'SerializationException', 'the request body is not a JSON object'],
    ['a null body', null, 400, 'SerializationException', 'the request body is not a JSON object'],
    ['a body that is no JSON', Buffer.from('{'), 400, 'SerializationException', 'the request body is not JSON'],
  ])('refused: %s', (_, payload, status, code, message) => {
    const { c } = ctx();
    const reply = assoc(c, payload);
    expect([reply.status, reply.errorCode, body(reply).message]).toEqual([status, code, message]);
    expect(c.accessEntries[0].policies).toEqual([]);
  });

  test('refused: another content type', () => {
    const { c } = ctx();
    const reply = assoc(c, { policyArn: ADMIN, accessScope: { type: 'cluster' } }, 'prod', ROLE, 'application/x-amz-json-1.1');
    expect([reply.status, reply.errorCode, body(reply).message]).toEqual([400, 'InvalidParameterException', 'unsupported content-type "application/x-amz-json-1.1"']);
  });
});

describe('both operations: denial, cluster, mode and entry', () => {
  const calls = {
    AssociateAccessPolicy: (c: AccessPolicyRouteContext, cluster: string, principal: string) => assoc(c, { policyArn: ADMIN, accessScope: { type: 'cluster' } }, cluster, principal),
    DisassociateAccessPolicy: (c: AccessPolicyRouteContext, cluster: string, principal: string) => disassociateAccessPolicy(c, CALLER, cluster, principal, ADMIN, Buffer.alloc(0)),
  };

  test.each(Object.entries(calls))('%s: a denied caller, an unknown or malformed cluster, CONFIG_MAP mode, an unknown principal', (operation, call) => {
    const { c } = ctx([{ clusterName: 'prod', principalArn: ROLE, policies: [] }, { clusterName: 'old', principalArn: ROLE, policies: [] }], T0, [`${CALLER} eks:${operation}`]);
    const answer = (reply: { status: number; errorCode?: string; body: string }) => [reply.status, reply.errorCode, body(reply)];
    expect(answer(call(c, 'prod', ROLE))).toEqual([403, 'AccessDeniedException', { message: `User: ${CALLER} is not authorized to perform: eks:${operation} on resource: arn:aws:eks:eu-west-1:111122223333:cluster/prod` }]);
    const { c: open } = ctx([{ clusterName: 'prod', principalArn: ROLE, policies: [] }, { clusterName: 'old', principalArn: ROLE, policies: [] }]);
    expect(answer(call(open, 'nope', ROLE))).toEqual([404, 'ResourceNotFoundException', { message: 'No cluster found for name: nope.', clusterName: 'nope' }]);
    expect(answer(call({ ...open, clusters: [{ name: '-bad', endpoint: 'x', caData: 'y' }] }, '-bad', ROLE))).toEqual([404, 'ResourceNotFoundException', { message: 'No cluster found for name: -bad.', clusterName: '-bad' }]);
    expect(answer(call(open, 'old', ROLE))).toEqual([400, 'InvalidRequestException', { message: "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.", clusterName: 'old' }]);
    expect(answer(call(open, 'prod', 'arn:aws:iam::111122223333:role/ghost'))).toEqual([404, 'ResourceNotFoundException', {
      message: "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.", clusterName: 'prod', principalArn: 'arn:aws:iam::111122223333:role/ghost',
    }]);
    expect(answer(call(open, 'api', ROLE))[1]).toBe('ResourceNotFoundException');
  });
});

describe('DisassociateAccessPolicy', () => {
  const associated = (): StandInAccessEntry[] => [{ clusterName: 'prod', principalArn: ROLE, policies: [{ policyArn: VIEW, accessScope: { type: 'cluster' } }, { policyArn: ADMIN, accessScope: { type: 'cluster' } }] }];

  test('removes the association, keeps the others, answers {}', () => {
    const { c } = ctx(associated());
    const reply = disassociateAccessPolicy(c, CALLER, 'prod', ROLE, ADMIN, Buffer.alloc(0));
    expect([reply.status, reply.body]).toEqual([200, '{}']);
    expect(c.accessEntries[0].policies).toEqual([{ policyArn: VIEW, accessScope: { type: 'cluster' } }]);
  });

  test('a policy not associated is 404, and changes nothing', () => {
    const { c } = ctx(associated());
    const edit = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy';
    const reply = disassociateAccessPolicy(c, CALLER, 'prod', ROLE, edit, Buffer.alloc(0));
    expect([reply.status, reply.errorCode, body(reply)]).toEqual([404, 'ResourceNotFoundException', { message: `The access policy ${edit} is not associated with the access entry of ${ROLE}.`, clusterName: 'prod', principalArn: ROLE }]);
    expect(c.accessEntries).toEqual(associated());
  });

  test.each<[string, string, Buffer, string]>([
    ['a body', ADMIN, Buffer.from('{}'), 'DisassociateAccessPolicy takes no request body'],
    ['a malformed policy ARN', 'AmazonEKSClusterAdminPolicy', Buffer.alloc(0), 'policyArn "AmazonEKSClusterAdminPolicy" is not an access policy ARN'],
  ])('refused: %s', (_, policy, payload, message) => {
    const { c } = ctx(associated());
    const reply = disassociateAccessPolicy(c, CALLER, 'prod', ROLE, policy, payload);
    expect([reply.status, reply.errorCode, body(reply)]).toEqual([400, 'InvalidParameterException', { message, clusterName: 'prod' }]);
    expect(c.accessEntries).toEqual(associated());
  });
});
