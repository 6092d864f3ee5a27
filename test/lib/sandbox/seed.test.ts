import { parse } from 'yaml';
import { AWS_AUTH_NAME, OWNERS_ANNOTATION, WRITER_GROUP } from '../../../lambda/aws-auth/api';
import { planOwner, validateDesired } from '../../../lambda/aws-auth/core';
import type { ConfigMapState } from '../../../lambda/aws-auth/core';
import { creatorRoleArn } from '../../../lib/cli/creator-admin';
import { mergeOptions } from '../../../lib/cli/plan';
import { NODE_USERNAME, desiredMappings, peopleOwner } from '../../../lib/config/mappings';
import { Groups } from '../../../lib/k8s/groups';
import { NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_CONFIGMAP } from '../../../lib/k8s/vpc-cni';
import { configuredEnvironments, findEnvironment } from '../../../lib/sandbox/environments';
import { sandboxPrincipals } from '../../../lib/sandbox/principals';
import { peopleAccessEntries, sandboxSeed } from '../../../lib/sandbox/seed';
import type { SandboxSeed } from '../../../lib/sandbox/seed';

const dev = findEnvironment('dev');
const principals = sandboxPrincipals(dev);
const awsAuthOf = (seed: SandboxSeed): ConfigMapState => {
  const cm = seed.configMaps.find((c) => c.metadata.name === AWS_AUTH_NAME)!;
  return { data: cm.data ?? {}, annotations: (cm.metadata.annotations ?? {}) as Record<string, string> };
};
const planOf = (state: ConfigMapState) => planOwner(state, peopleOwner(dev), validateDesired(desiredMappings(dev), mergeOptions(dev)), mergeOptions(dev));

describe('sandboxSeed', () => {
  test('aws-auth holds only what EKS writes for the node groups, in EKS\'s layout', () => {
    const state = awsAuthOf(sandboxSeed(dev, principals));
    const nodes = desiredMappings(dev).mapRoles.filter((r) => r.username === NODE_USERNAME);
    expect(parse(state.data.mapRoles)).toEqual(nodes.map((n) => ({ groups: n.groups, rolearn: n.rolearn, username: n.username })));
    expect(Object.keys(state.data)).toEqual(['mapRoles']);
    expect(state.annotations).toEqual({});
    // So a deploy would add every declared entry and adopt the node roles.
    const plan = planOf(state);
    expect(plan.changes.filter((c) => c.action === 'adopted')).toHaveLength(nodes.length);
    expect(plan.changes.filter((c) => c.action === 'added')).toHaveLength(desiredMappings(dev).mapRoles.length - nodes.length + desiredMappings(dev).mapUsers.length);
  });

  test('deployed: aws-auth as the merge core leaves it after a deploy, so a plan finds nothing to do', () => {
    const state = awsAuthOf(sandboxSeed(dev, principals, { deployed: true }));
    expect(JSON.parse(state.annotations[OWNERS_ANNOTATION]).owners).toHaveProperty([peopleOwner(dev)]);
    const plan = planOf(state);
    expect({ changes: plan.changes, drift: plan.drift }).toEqual({ changes: [], drift: [] });
  });

  test('the VPC CNI ConfigMap says what config enforces', () => {
    for (const env of configuredEnvironments()) {
      const cm = sandboxSeed(env, sandboxPrincipals(env)).configMaps.find((c) => c.metadata.name === VPC_CNI_CONFIGMAP)!;
      expect({ env: env.name, value: cm.data?.[NETWORK_POLICY_CONTROLLER_KEY] }).toEqual({ env: env.name, value: String(env.networkPolicyEnforcement) });
    }
  });

  test('access entries: the handler writes aws-auth, the operator verifies; the creator holds cluster admin only with bootstrapCreatorAdmin', () => {
    const seed = sandboxSeed(dev, principals);
    expect(seed.accessEntries).toEqual([
      { principalArn: principals.handlerRoleArn, groups: [WRITER_GROUP] },
      { principalArn: principals.operator.arn, groups: [Groups.verifier] },
    ]);
    expect(dev.bootstrapCreatorAdmin).toBe(true);
    expect(seed.accessPolicies.find((e) => e.principalArn === creatorRoleArn(dev))?.policies).toEqual([
      { policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } },
    ]);
    const without = sandboxSeed({ ...dev, bootstrapCreatorAdmin: false }, principals);
    expect(without.accessPolicies.map((e) => e.principalArn)).not.toContain(creatorRoleArn(dev));
    expect(without.roles).not.toContain(creatorRoleArn(dev));
  });

  test('IAM knows every mapped principal (so the handler\'s validation passes); the operator may assume every mapped role but the node roles', () => {
    const seed = sandboxSeed(dev, principals);
    const { mapRoles, mapUsers } = desiredMappings(dev);
    for (const r of mapRoles) expect(seed.roles).toContain(r.rolearn);
    for (const u of mapUsers) expect(seed.users).toContain(u.userarn);
    expect(seed.assumableByOperator).toEqual(mapRoles.filter((r) => r.username !== NODE_USERNAME).map((r) => r.rolearn));
    expect(seed.assumableByOperator).toContain(`arn:aws:iam::${dev.account}:role/${dev.clusterName}-verifier`);
  });

  test('RBAC: the developer Role only in namespaces with developerAccess; the verifier RBAC always', () => {
    const noVerifiers = { ...dev, verifierTrustedRoleArns: [] };
    for (const env of [dev, noVerifiers]) {
      const names = sandboxSeed(env, principals).rbac.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      expect(names).toContain('ClusterRoleBinding//eks-access-verifier');
      for (const ns of env.namespaces) expect({ ns: ns.name, bound: names.includes(`RoleBinding/${ns.name}/eks-access-developer`) }).toEqual({ ns: ns.name, bound: ns.developerAccess });
    }
  });
});

describe('people access entries (accessBackend both)', () => {
  test('dev, seeded as deployed: one tagged entry per person and user, the admins with the admin policy; none before the deploy', () => {
    expect(dev.accessBackend).toBe('both');
    const entries = peopleAccessEntries(dev);
    expect(entries.map((e) => [e.principalArn.split(':').pop(), e.username, e.kubernetesGroups, e.policies.map((p) => p.policyArn.split('/').pop()), e.tags])).toEqual([
      ['role/external_admin', 'admin', [], ['AmazonEKSClusterAdminPolicy'], { 'eks-access.io/owner': 'eks-access/dev/people' }],
      ['role/break_glass_admin', 'break-glass:{{SessionName}}', [], ['AmazonEKSClusterAdminPolicy'], { 'eks-access.io/owner': 'eks-access/dev/people' }],
      ['role/external_developer', 'developer', [Groups.developer], [], { 'eks-access.io/owner': 'eks-access/dev/people' }],
      ['role/external_reader', 'reader', [Groups.reader], [], { 'eks-access.io/owner': 'eks-access/dev/people' }],
      ['user/ci-bot', 'ci-bot', [Groups.reader], [], { 'eks-access.io/owner': 'eks-access/dev/people' }],
    ]);
    const principals = sandboxPrincipals(dev);
    const deployed = sandboxSeed(dev, principals, { deployed: true }).accessPolicies.map((e) => e.principalArn);
    const fresh = sandboxSeed(dev, principals).accessPolicies.map((e) => e.principalArn);
    expect(deployed.filter((p) => !fresh.includes(p))).toEqual(entries.map((e) => e.principalArn));
  });

  test('an environment on aws-auth: none', () => {
    const prod = findEnvironment('prod');
    expect(peopleAccessEntries(prod)).toEqual([]);
  });
});
