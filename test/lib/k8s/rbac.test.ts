import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP, WRITER_RBAC_NAME } from '../../../lambda/aws-auth/api';
import { Groups } from '../../../lib/k8s/groups';
import {
  awsAuthWriterRbac,
  DEVELOPER_ROLE_NAME,
  developerRbac,
  NAMESPACE_ONLY_RESOURCES,
  READ_VERBS,
  READER_CLUSTER_ROLE_NAME,
  readerRbac,
} from '../../../lib/k8s/rbac';
import type { PolicyRule, RbacBinding, RbacRole } from '../../../lib/k8s/rbac';

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };

/** Every (apiGroup, resource) pair a set of rules grants, as `group/resource`. */
function grantedResources(rules: PolicyRule[]): string[] {
  return rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`))).sort();
}

/** What the cluster-wide reader reads: the shape of workloads, not their data. */
const READER_WORKLOAD_READ = [
  '/endpoints',
  '/pods',
  '/services',
  'apps/daemonsets',
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'batch/cronjobs',
  'batch/jobs',
  'networking.k8s.io/ingresses',
];

/** What a developer reads in its namespace: the reader's set plus ConfigMaps and pod logs. */
const WORKLOAD_READ = [...READER_WORKLOAD_READ, '/configmaps', '/pods/log'].sort();

describe('read-only roles', () => {
  const cases: Array<{
    builder: string;
    build: () => [RbacRole, RbacBinding];
    kind: RbacRole['kind'];
    name: string;
    namespace: string | undefined;
    group: string;
    resources: string[];
  }> = [
    {
      builder: 'developerRbac',
      build: () => developerRbac('team-a'),
      kind: 'Role',
      name: DEVELOPER_ROLE_NAME,
      namespace: 'team-a',
      group: Groups.developer,
      resources: WORKLOAD_READ,
    },
    {
      builder: 'readerRbac',
      build: readerRbac,
      kind: 'ClusterRole',
      name: READER_CLUSTER_ROLE_NAME,
      namespace: undefined,
      group: Groups.reader,
      resources: [...READER_WORKLOAD_READ, '/namespaces', '/nodes'].sort(),
    },
  ];

  test.each(cases)('$builder: $kind $name grants get/list/watch on exactly the read set', ({ build, kind, name, namespace, resources }) => {
    const [role] = build();
    expect(role).toMatchObject({ apiVersion: RBAC_API_VERSION, kind, metadata: { name, labels: MANAGED } });
    expect(role.metadata.namespace).toBe(namespace);
    expect(grantedResources(role.rules)).toEqual(resources);
    for (const rule of role.rules) {
      expect(rule.verbs).toEqual(['get', 'list', 'watch']);
      expect(rule.resourceNames).toBeUndefined();
    }
  });

  test.each(cases)('$builder: no secrets, no write verbs', ({ build }) => {
    const [role] = build();
    const resources = role.rules.flatMap((r) => r.resources);
    const verbs = new Set(role.rules.flatMap((r) => r.verbs));
    expect(resources).not.toContain('secrets');
    expect([...verbs].filter((v) => !READ_VERBS.includes(v))).toEqual([]);
  });

  test.each(cases)('$builder: binding of the same scope to the group from Groups', ({ build, kind, name, namespace, group }) => {
    const [role, binding] = build();
    expect(binding).toEqual({
      apiVersion: RBAC_API_VERSION,
      kind: `${kind}Binding`,
      metadata: { name, ...(namespace === undefined ? {} : { namespace }), labels: MANAGED },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: role.metadata.name },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: group }],
    });
    // By reference: the binding names the group exactly as the aws-auth mapping does.
    expect(binding.subjects[0].name).toBe(group);
  });

  test('the reader reads no ConfigMaps (kube-system/aws-auth lists every mapped ARN) and no pod logs, anywhere', () => {
    expect(NAMESPACE_ONLY_RESOURCES).toEqual(['pods/log', 'configmaps']);
    const [reader] = readerRbac();
    const resources = reader.rules.flatMap((r) => r.resources);
    for (const r of NAMESPACE_ONLY_RESOURCES) expect(resources).not.toContain(r);
    // Nor through a parent resource or a subresource wildcard.
    expect(resources.filter((r) => r.startsWith('pods/') || r.includes('*'))).toEqual([]);
  });

  test('the developer keeps ConfigMaps and pod logs, in its own namespace only', () => {
    const [developer] = developerRbac('team-a');
    expect(developer.metadata.namespace).toBe('team-a');
    expect(developer.rules.flatMap((r) => r.resources)).toEqual(expect.arrayContaining([...NAMESPACE_ONLY_RESOURCES]));
  });

  test('the role names are fixed, so a re-deploy updates in place', () => {
    expect([DEVELOPER_ROLE_NAME, READER_CLUSTER_ROLE_NAME]).toEqual(['eks-access-developer', 'eks-access-reader']);
  });

  test('the cluster-wide reader objects carry no namespace field at all (not even an undefined one)', () => {
    for (const o of readerRbac()) expect(Object.keys(o.metadata).sort()).toEqual(['labels', 'name']);
    for (const o of developerRbac('team-a')) expect(Object.keys(o.metadata).sort()).toEqual(['labels', 'name', 'namespace']);
  });

  test('developerRbac puts both objects in the namespace it is given', () => {
    for (const ns of ['team-a', 'payments']) {
      expect(developerRbac(ns).map((o) => o.metadata.namespace)).toEqual([ns, ns]);
    }
  });
});

describe('awsAuthWriterRbac', () => {
  const [role, binding] = awsAuthWriterRbac();

  test('returns exactly a Role and a RoleBinding', () => {
    expect(awsAuthWriterRbac().map((o) => o.kind)).toEqual(['Role', 'RoleBinding']);
  });

  test('Role: get/update on aws-auth only, create on configmaps, nothing else (the verbs the handler sends)', () => {
    expect(role).toEqual({
      apiVersion: RBAC_API_VERSION,
      kind: 'Role',
      metadata: { name: WRITER_RBAC_NAME, namespace: AWS_AUTH_NAMESPACE, labels: MANAGED },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], resourceNames: [AWS_AUTH_NAME], verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      ],
    });
  });

  test('RoleBinding: the Role to WRITER_GROUP, in kube-system', () => {
    expect(binding).toEqual({
      apiVersion: RBAC_API_VERSION,
      kind: 'RoleBinding',
      metadata: { name: WRITER_RBAC_NAME, namespace: AWS_AUTH_NAMESPACE, labels: MANAGED },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: WRITER_RBAC_NAME },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: WRITER_GROUP }],
    });
  });

  test.each(['patch', 'delete', 'deletecollection', 'list', 'watch', 'escalate', 'bind', '*'])('never grants %s', (verb) => {
    expect(role.rules.flatMap((r) => r.verbs)).not.toContain(verb);
  });
});

test('each call returns fresh objects (callers may mutate safely)', () => {
  const a = readerRbac();
  a[0].rules[0].verbs.push('delete');
  a[0].metadata.labels!.extra = 'x';
  expect(readerRbac()[0].rules[0].verbs).toEqual(['get', 'list', 'watch']);
  expect(readerRbac()[0].metadata.labels).toEqual(MANAGED);
});
