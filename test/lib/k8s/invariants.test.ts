/**
 * Properties every manifest must have, checked over the output of every builder in lib/k8s.
 * The first test fails when a module gains an exported function this file does not call, so a
 * new builder cannot skip these checks.
 */
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../../../lib/config/names';
import { cidrStrictlyWithin } from '../../../lib/config/vpc-cidrs';
import * as groups from '../../../lib/k8s/groups';
import * as manifest from '../../../lib/k8s/manifest';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import * as namespaceBaselineModule from '../../../lib/k8s/namespace-baseline';
import * as networkPolicies from '../../../lib/k8s/network-policies';
import * as podSecurity from '../../../lib/k8s/pod-security';
import * as rbac from '../../../lib/k8s/rbac';
import * as serviceAccount from '../../../lib/k8s/service-account';
import { ALLOW_NAMESPACE, BASELINE_NAMESPACE, CLUSTER, DEFAULTS_NAMESPACE, ROLE_ARN } from './fixtures';

const NAMESPACES = [DEFAULTS_NAMESPACE, BASELINE_NAMESPACE, ALLOW_NAMESPACE];

/** Every function that returns manifests, called on every fixture. */
const BUILDERS: Record<string, () => KubernetesObject[]> = {
  developerRbac: () => NAMESPACES.flatMap((ns) => rbac.developerRbac(ns.name)),
  readerRbac: () => rbac.readerRbac(),
  awsAuthWriterRbac: () => rbac.awsAuthWriterRbac(),
  verifierRbac: () => rbac.verifierRbac(),
  namespaceBaseline: () =>
    NAMESPACES.flatMap((ns) => {
      const { namespace, dependents } = namespaceBaselineModule.namespaceBaseline(ns, CLUSTER);
      return [namespace, ...dependents];
    }),
  namespaceManifest: () => NAMESPACES.map((ns) => namespaceBaselineModule.namespaceManifest(ns, CLUSTER.kubernetesVersion)),
  resourceQuotaManifest: () => NAMESPACES.map((ns) => namespaceBaselineModule.resourceQuotaManifest(ns.name, ns.quota)),
  containerDefaultsManifest: () =>
    NAMESPACES.map((ns) => namespaceBaselineModule.containerDefaultsManifest(ns.name, ns.containerDefaults)),
  defaultDenyPolicy: () => NAMESPACES.map((ns) => networkPolicies.defaultDenyPolicy(ns.name)),
  dnsEgressPolicy: () => NAMESPACES.map((ns) => networkPolicies.dnsEgressPolicy(ns.name)),
  allowRulePolicy: () => (ALLOW_NAMESPACE.allow ?? []).map((rule) => networkPolicies.allowRulePolicy(ALLOW_NAMESPACE.name, rule, CLUSTER.vpcCidrs)),
  serviceAccountManifest: () => [serviceAccount.serviceAccountManifest('payments', 'payments-api', ROLE_ARN)],
};

/** Exported functions that return something other than manifests. */
const NOT_BUILDERS = ['apiVersionOf', 'managedLabels', 'podSecurityLabels', 'podSecurityVersion', 'excludingVpc'];

/** Name formats, with the length limits the patterns in lib/config/names.ts leave to callers. */
const isDns1123Label = (v: string) => v.length <= 63 && DNS1123_LABEL.test(v);
const isDns1123Subdomain = (v: string) => v.length <= 253 && DNS1123_SUBDOMAIN.test(v);

const ALL: KubernetesObject[] = Object.values(BUILDERS).flatMap((build) => build());
const describeObject = (o: KubernetesObject) => `${o.kind} ${o.metadata.namespace ?? '(cluster)'}/${o.metadata.name}`;

test('every exported function of lib/k8s is either called here or known not to build manifests', () => {
  const modules = [groups, manifest, namespaceBaselineModule, networkPolicies, podSecurity, rbac, serviceAccount];
  const exportedFunctions = modules.flatMap((m) =>
    Object.entries(m)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name),
  );
  expect(exportedFunctions.sort()).toEqual([...Object.keys(BUILDERS), ...NOT_BUILDERS].sort());
});

/** Every RBAC rule anywhere in an object (Role, ClusterRole, or anything else carrying `rules`). */
function rbacRules(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(rbacRules);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = Array.isArray(record.rules) && 'verbs' in (record.rules[0] ?? {}) ? (record.rules as Array<Record<string, unknown>>) : [];
  return [...own, ...Object.values(record).flatMap(rbacRules)];
}

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

test('the walk sees the RBAC rules (guards against a walker that finds nothing)', () => {
  expect(ALL.flatMap(rbacRules).length).toBeGreaterThanOrEqual(5);
});

test.each(ALL.map((o) => [describeObject(o), o] as const))('%s: no RBAC rule holds "*" or "secrets"', (_, object) => {
  for (const rule of rbacRules(object)) {
    const values = strings(rule);
    expect(values.filter((v) => v.includes('*'))).toEqual([]);
    expect(values).not.toContain('secrets');
  }
});

test.each([
  ['team-a', true, true],
  ['a'.repeat(63), true, true],
  ['a'.repeat(64), false, true],
  ['eks-access.io', false, true],
  ['-a', false, false],
  ['Team', false, false],
  ['eks-access:aws-auth-writer', false, false],
])('name check %j: label %s, subdomain %s (the check below is not vacuous)', (value, label, subdomain) => {
  expect([isDns1123Label(value), isDns1123Subdomain(value)]).toEqual([label, subdomain]);
});

test.each(ALL.map((o) => [describeObject(o), o] as const))('%s: DNS-1123 names, managed label', (_, object) => {
  const { name, namespace, labels } = object.metadata;
  const nameOk = object.kind === 'Namespace' ? isDns1123Label(name) : isDns1123Subdomain(name);
  expect({ name, nameOk }).toEqual({ name, nameOk: true });
  if (namespace !== undefined) expect(isDns1123Label(namespace)).toBe(true);
  expect(labels).toMatchObject(manifest.managedLabels());
});

test('cluster-scoped kinds have no namespace; every other kind has one', () => {
  const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
  for (const o of ALL) {
    expect({ object: describeObject(o), namespaced: o.metadata.namespace !== undefined }).toEqual({
      object: describeObject(o),
      namespaced: !clusterScoped.has(o.kind),
    });
  }
});

test('RBAC bindings name only groups from Groups (developer, reader, verifier) or the aws-auth writer group', () => {
  const allowed = new Set<string>([groups.Groups.developer, groups.Groups.reader, groups.Groups.verifier, 'eks-access:aws-auth-writer']);
  const subjects = ALL.flatMap((o) => (Array.isArray(o.subjects) ? (o.subjects as Array<{ kind: string; name: string }>) : []));
  expect(subjects.length).toBeGreaterThan(0);
  for (const s of subjects) {
    expect(s.kind).toBe('Group');
    expect(allowed.has(s.name)).toBe(true);
  }
});

/** Every egress ipBlock of every NetworkPolicy built. */
const egressBlocks = ALL.filter((o) => o.kind === 'NetworkPolicy').flatMap((o) =>
  ((o.spec as { egress?: Array<{ to?: Array<{ ipBlock?: { cidr: string; except?: string[] } }> }> }).egress ?? [])
    .flatMap((rule) => rule.to ?? [])
    .flatMap((peer) => (peer.ipBlock ? [{ policy: describeObject(o), ...peer.ipBlock }] : [])));

test('the walk sees an egress block wider than the VPC (guards against a vacuous check)', () => {
  expect(egressBlocks.some((b) => CLUSTER.vpcCidrs.some((v) => cidrStrictlyWithin(v, b.cidr)))).toBe(true);
});

test('no egress ipBlock reaches into the VPC: every VPC block inside it is in its except', () => {
  for (const block of egressBlocks) {
    const inside = CLUSTER.vpcCidrs.filter((v) => cidrStrictlyWithin(v, block.cidr));
    expect({ ...block, except: block.except ?? [] }).toEqual({ ...block, except: expect.arrayContaining(inside) });
  }
});

test('Pod Security labels pin a version, never latest', () => {
  const versions = ALL.filter((o) => o.kind === 'Namespace')
    .flatMap((o) => Object.entries(o.metadata.labels ?? {}).filter(([k]) => k.startsWith(podSecurity.POD_SECURITY_LABEL_PREFIX) && k.endsWith('-version')));
  expect(versions.length).toBeGreaterThan(0);
  for (const [label, value] of versions) expect({ label, value }).toEqual({ label, value: `v${CLUSTER.kubernetesVersion}` });
});
