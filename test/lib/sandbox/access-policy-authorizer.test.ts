/** The composed authorizer: the cluster admin access policy first (after its delay), RBAC as the entry's username with its groups otherwise. */
import { accessEntryOf, accessPolicyAuthorizer, holdsClusterAdmin } from '../../support/access-policy-authorizer';
import type { StandInAccessEntry, StandInAccessPolicy } from '../../support/aws-endpoints';
import { RbacEvaluator } from '../../support/rbac-authorizer';

const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const ROLE = 'arn:aws:iam::111122223333:role/manifests-fn';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/manifests-fn/lambda-session';
const T = Date.parse('2026-12-01T10:00:00Z');
const RBAC = 'rbac.authorization.k8s.io';

const admin = (at?: number, type: 'cluster' | 'namespace' = 'cluster'): StandInAccessPolicy => ({
  policyArn: ADMIN,
  accessScope: type === 'cluster' ? { type } : { type, namespaces: ['team-a'] },
  ...(at === undefined ? {} : { associatedAt: new Date(at) }),
});
const entry = (policies: StandInAccessPolicy[], extra: Partial<StandInAccessEntry> = {}): StandInAccessEntry => ({
  clusterName: 'prod', principalArn: ROLE, policies, kubernetesGroups: ['eks-access:manifests'], ...extra,
});

/** RBAC that lets the group read namespace team-a only. */
const rbac = () => new RbacEvaluator([
  { kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'], resourceNames: ['team-a'] }] },
  { kind: 'ClusterRoleBinding', metadata: { name: 'reader' }, roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: [{ kind: 'Group', name: 'eks-access:manifests' }] },
]);
const CORE = { apiGroup: '' };
const RBAC_ALLOWED = { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "reader" of ClusterRole "reader" to Group "eks-access:manifests"' };
const DENIED = { allowed: false, reason: '' };

describe('accessPolicyAuthorizer', () => {
  test('the cluster admin policy at cluster scope allows everything, with the reason EKS gives', () => {
    const authorize = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([admin()])], rbac: rbac() });
    expect(authorize(SESSION, 'escalate', 'clusterroles', undefined, 'anything', undefined, { apiGroup: RBAC })).toEqual({
      allowed: true, reason: `EKS Access Policy: allowed by ClusterRoleBinding "${ROLE}" of ClusterRole "${ADMIN}" to User "${SESSION}"`,
    });
    expect(authorize(SESSION, '*', '*', undefined, undefined, undefined, { apiGroup: '*' })).toMatchObject({ allowed: true });
  });

  test('without it, RBAC decides with the groups of the caller\'s access entry', () => {
    const authorize = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([])], rbac: rbac() });
    expect(authorize(SESSION, 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toEqual(RBAC_ALLOWED);
    expect(authorize(SESSION, 'get', 'namespaces', undefined, 'team-b', undefined, CORE)).toEqual(DENIED);
    expect(authorize(SESSION, 'escalate', 'clusterroles', undefined, 'x', undefined, { apiGroup: RBAC })).toEqual(DENIED);
  });

  test('RBAC sees the entry\'s username as the user: a binding to that user allows it, one to another provider\'s user does not', () => {
    const users = new RbacEvaluator([
      { kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'], resourceNames: ['team-a'] }] },
      { kind: 'ClusterRoleBinding', metadata: { name: 'mine' }, roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: [{ kind: 'User', name: 'eks-access:manifests:access' }] },
    ]);
    const mine = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([], { kubernetesGroups: [], username: 'eks-access:manifests:access' })], rbac: users });
    expect(mine(SESSION, 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "mine" of ClusterRole "reader" to User "eks-access:manifests:access"' });
    const other = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([], { kubernetesGroups: [], username: 'eks-access:manifests:workloads' })], rbac: users });
    expect(other(SESSION, 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toEqual(DENIED);
    // Without a username, the user is the caller's ARN, which the binding does not name.
    const none = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([], { kubernetesGroups: [] })], rbac: users });
    expect(none(SESSION, 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toEqual(DENIED);
    expect(none('eks-access:manifests:access', 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toMatchObject({ allowed: true });
  });

  test('an entry without groups, and a caller without an entry, get no groups', () => {
    const noGroups = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([], { kubernetesGroups: undefined })], rbac: rbac() });
    expect(noGroups(SESSION, 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toEqual(DENIED);
    const noEntry = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [], rbac: rbac() });
    expect(noEntry(SESSION, 'get', 'namespaces', undefined, 'team-a', undefined, CORE)).toEqual(DENIED);
  });

  test('entries are read on every decision: an association and a removal count at once', () => {
    const entries = [entry([])];
    const authorize = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: entries, rbac: rbac() });
    const can = () => authorize(SESSION, 'delete', 'namespaces', undefined, 'kube-system', undefined, CORE);
    expect(can()).toEqual(DENIED);
    entries[0] = entry([admin(T)]);
    expect(can()).toMatchObject({ allowed: true });
    entries[0] = entry([]);
    expect(can()).toEqual(DENIED);
  });

  test('a propagation delay: in effect from associatedAt + delay exactly, not a millisecond before', () => {
    const clock = { t: T };
    const authorize = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([admin(T)])], rbac: rbac(), propagationDelayMs: 500, now: () => clock.t });
    const can = () => authorize(SESSION, 'delete', 'namespaces', undefined, 'kube-system', undefined, CORE);
    clock.t = T + 499;
    expect(can()).toEqual(DENIED);
    clock.t = T + 500;
    expect(can()).toMatchObject({ allowed: true });
  });

  test('a review of another user (groups given) is RBAC\'s alone, even for the admin principal', () => {
    const authorize = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([admin()])], rbac: rbac() });
    expect(authorize(SESSION, 'delete', 'namespaces', undefined, 'kube-system', [], CORE)).toEqual(DENIED);
    expect(authorize('someone', 'get', 'namespaces', undefined, 'team-a', ['eks-access:manifests'], CORE)).toEqual(RBAC_ALLOWED);
  });

  test('the default clock is the real one', () => {
    const authorize = accessPolicyAuthorizer({ clusterName: 'prod', accessEntries: [entry([admin(Date.now() + 60_000)])], rbac: rbac() });
    expect(authorize(SESSION, 'delete', 'namespaces', undefined, 'x', undefined, CORE)).toEqual(DENIED);
  });
});

describe('holdsClusterAdmin', () => {
  test.each<[string, StandInAccessEntry | undefined, boolean]>([
    ['no entry', undefined, false],
    ['no policies', entry([]), false],
    ['admin without a time (seeded): in effect', entry([admin()]), true],
    ['admin associated exactly delay ago', entry([admin(T - 100)]), true],
    ['admin associated less than delay ago', entry([admin(T - 99)]), false],
    ['admin at namespace scope', entry([admin(undefined, 'namespace')]), false],
    ['another policy at cluster scope', entry([{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy', accessScope: { type: 'cluster' } }]), false],
    ['another policy, then admin', entry([{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'cluster' } }, admin()]), true],
  ])('%s', (_, e, expected) => {
    expect(holdsClusterAdmin(e, T, 100)).toBe(expected);
  });
});

describe('accessEntryOf', () => {
  const entries = [entry([], { clusterName: 'other' }), entry([], { principalArn: 'arn:aws:iam::111122223333:role/Manifests-FN' }), entry([], { principalArn: 'arn:aws:iam::111122223333:user/alice' })];

  test('an assumed-role session finds its role\'s entry (ARNs compared without case), in that cluster only', () => {
    expect(accessEntryOf(entries, 'prod', SESSION)).toBe(entries[1]);
    expect(accessEntryOf(entries, 'other', SESSION)).toBe(entries[0]);
    expect(accessEntryOf(entries, 'third', SESSION)).toBeUndefined();
  });

  test('a user finds its own entry', () => {
    expect(accessEntryOf(entries, 'prod', 'arn:aws:iam::111122223333:user/alice')).toBe(entries[2]);
    expect(accessEntryOf(entries, 'prod', 'arn:aws:iam::111122223333:user/bob')).toBeUndefined();
  });
});
