import type { NamespaceConfig } from '../../../lib/config/types';
import { namespaceBaseline } from '../../../lib/k8s/namespace-baseline';
import { ALLOW_NAMESPACE, BASELINE_NAMESPACE, CLUSTER, CONTAINER_DEFAULTS, DEFAULTS_NAMESPACE, ENDPOINT_CIDRS, QUOTA, VPC_CIDRS } from './fixtures';

const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };

function psa(level: string, version = 'v1.35'): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': version,
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/audit-version': version,
    'pod-security.kubernetes.io/warn': level,
    'pod-security.kubernetes.io/warn-version': version,
  };
}

describe('Namespace', () => {
  test.each<{ label: string; config: NamespaceConfig; level: string }>([
    { label: 'defaults to restricted', config: DEFAULTS_NAMESPACE, level: 'restricted' },
    { label: 'takes the configured level', config: BASELINE_NAMESPACE, level: 'baseline' },
    { label: 'privileged when asked', config: { ...DEFAULTS_NAMESPACE, podSecurity: 'privileged' }, level: 'privileged' },
  ])('$label', ({ config, level }) => {
    expect(namespaceBaseline(config, CLUSTER).namespace).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: config.name, labels: { ...MANAGED, ...psa(level) } },
    });
  });

  test.each(['1.34', '1.36'])('every mode is pinned to the cluster minor %s, never latest', (kubernetesVersion) => {
    const { labels } = namespaceBaseline(DEFAULTS_NAMESPACE, { ...CLUSTER, kubernetesVersion }).namespace.metadata;
    expect(labels).toEqual({ ...MANAGED, ...psa('restricted', `v${kubernetesVersion}`) });
    expect(Object.values(labels ?? {})).not.toContain('latest');
  });

  test.each(['latest', 'v1.35', '1.35.2', '1', ''])('a kubernetesVersion that is not <major>.<minor> (%j) is refused', (kubernetesVersion) => {
    expect(() => namespaceBaseline(DEFAULTS_NAMESPACE, { ...CLUSTER, kubernetesVersion })).toThrow(
      `Kubernetes version "${kubernetesVersion}" is not "<major>.<minor>", so it cannot pin the Pod Security version. ` +
        'Set kubernetesVersion to the cluster\'s minor version, for example "1.35".',
    );
  });
});

// Built inside each test, not while collecting: a builder that throws then fails the tests, not the file.
describe('dependents', () => {
  const dependents = () => namespaceBaseline(DEFAULTS_NAMESPACE, CLUSTER).dependents;
  const byName = (name: string) => dependents().find((o) => o.metadata.name === name);

  test('defaults: quota, limit range, default-deny and DNS egress, in this order', () => {
    expect(dependents().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ResourceQuota/resource-quota',
      'LimitRange/container-defaults',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/allow-dns-egress',
    ]);
  });

  test('every dependent lives in the namespace and is labelled managed', () => {
    for (const o of dependents()) {
      expect(o.metadata).toMatchObject({ namespace: 'team-a', labels: MANAGED });
    }
  });

  test.each([
    {
      name: 'resource-quota',
      expected: {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        spec: {
          hard: {
            'requests.cpu': QUOTA.requestsCpu,
            'requests.memory': QUOTA.requestsMemory,
            'limits.cpu': QUOTA.limitsCpu,
            'limits.memory': QUOTA.limitsMemory,
            pods: '50',
          },
        },
      },
    },
    {
      name: 'container-defaults',
      expected: {
        apiVersion: 'v1',
        kind: 'LimitRange',
        spec: {
          limits: [
            {
              type: 'Container',
              default: { cpu: CONTAINER_DEFAULTS.limitCpu, memory: CONTAINER_DEFAULTS.limitMemory },
              defaultRequest: { cpu: CONTAINER_DEFAULTS.requestCpu, memory: CONTAINER_DEFAULTS.requestMemory },
            },
          ],
        },
      },
    },
    {
      name: 'default-deny',
      expected: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
    },
    {
      name: 'allow-dns-egress',
      expected: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      },
    },
  ])('$name has the exact shape', ({ name, expected }) => {
    expect(byName(name)).toEqual({ ...expected, metadata: { name, namespace: 'team-a', labels: MANAGED } });
  });

  test('default-deny has no rules at all (denies both directions)', () => {
    const spec = byName('default-deny')!.spec as Record<string, unknown>;
    expect(Object.keys(spec).sort()).toEqual(['podSelector', 'policyTypes']);
  });
});

describe('allow rules', () => {
  const dependents = () => namespaceBaseline(ALLOW_NAMESPACE, CLUSTER).dependents;
  const specOf = (name: string) => dependents().find((o) => o.metadata.name === name)?.spec;

  test('one NetworkPolicy per rule, after the fixed ones', () => {
    expect(dependents().map((o) => o.metadata.name)).toEqual([
      'resource-quota',
      'container-defaults',
      'default-deny',
      'allow-dns-egress',
      'allow-from-ingress-nginx',
      'allow-to-database',
      'allow-to-monitoring-and-vpn',
      'allow-https-to-internet',
    ]);
  });

  test.each([
    {
      name: 'allow-from-ingress-nginx',
      label: 'ingress from a namespace on TCP ports',
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
            ports: [
              { protocol: 'TCP', port: 8080 },
              { protocol: 'TCP', port: 8443 },
            ],
          },
        ],
      },
    },
    {
      name: 'allow-to-database',
      label: 'egress to a CIDR on one TCP port',
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
      },
    },
    {
      name: 'allow-to-monitoring-and-vpn',
      label: 'egress to a namespace and a CIDR on all ports',
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
              { ipBlock: { cidr: '192.168.0.0/24' } },
            ],
          },
        ],
      },
    },
    {
      name: 'allow-https-to-internet',
      label: 'egress to the internet except every VPC block, plus the declared interface endpoints, on 443',
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: '0.0.0.0/0', except: VPC_CIDRS } },
              ...ENDPOINT_CIDRS.map((cidr) => ({ ipBlock: { cidr } })),
            ],
            ports: [{ protocol: 'TCP', port: 443 }],
          },
        ],
      },
    },
  ])('$name: $label', ({ name, spec }) => {
    expect(specOf(name)).toEqual(spec);
  });

  test.each<{ label: string; cidr: string; except?: string[] }>([
    { label: 'the internet excludes the primary and the secondary block', cidr: '0.0.0.0/0', except: VPC_CIDRS },
    { label: 'a wide private range excludes the blocks inside it only', cidr: '10.0.0.0/8', except: ['10.20.0.0/16'] },
    { label: 'a range beside the VPC excludes nothing', cidr: '172.16.0.0/12' },
    { label: 'a block inside the VPC is an in-VPC destination, kept', cidr: '10.20.1.0/24' },
    { label: 'a VPC block itself is kept (no block is strictly inside it)', cidr: '100.64.0.0/16' },
  ])('egress $cidr: $label', ({ cidr, except }) => {
    const { dependents: objs } = namespaceBaseline({ ...DEFAULTS_NAMESPACE, allow: [{ name: 'out', direction: 'egress', cidrs: [cidr] }] }, CLUSTER);
    expect(objs.at(-1)!.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: except ? { cidr, except } : { cidr } }] }],
    });
  });

  test('ingress CIDRs are kept as declared (load balancers reach pods from inside the VPC), endpoint exceptions ignored', () => {
    const { dependents: objs } = namespaceBaseline({
      ...DEFAULTS_NAMESPACE,
      allow: [{ name: 'from-anywhere', direction: 'ingress', cidrs: ['0.0.0.0/0'], tcpPorts: [8443], vpcEndpointCidrs: ENDPOINT_CIDRS }],
    }, CLUSTER);
    expect(objs.at(-1)!.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 8443 }] }],
    });
  });

  test('without VPC blocks (none known) an egress CIDR is kept as declared', () => {
    const { dependents: objs } = namespaceBaseline(
      { ...DEFAULTS_NAMESPACE, allow: [{ name: 'out', direction: 'egress', cidrs: ['0.0.0.0/0'] }] },
      { ...CLUSTER, vpcCidrs: [] },
    );
    expect(objs.at(-1)!.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
  });

  test('empty tcpPorts means all ports (no ports field)', () => {
    const { dependents: objs } = namespaceBaseline({
      ...DEFAULTS_NAMESPACE,
      allow: [{ name: 'from-anywhere-in-vpc', direction: 'ingress', cidrs: ['10.0.0.0/8'], tcpPorts: [] }],
    }, CLUSTER);
    expect(objs.at(-1)!.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
    });
  });
});

describe('errors', () => {
  test.each([
    { label: 'fields absent', rule: { name: 'nowhere', direction: 'egress' as const } },
    { label: 'fields empty', rule: { name: 'nowhere', direction: 'ingress' as const, namespaces: [], cidrs: [] } },
  ])('an allow rule with no peer ($label) is refused', ({ rule }) => {
    expect(() => namespaceBaseline({ ...DEFAULTS_NAMESPACE, allow: [rule] }, CLUSTER)).toThrow(
      'Namespace "team-a": allow rule "nowhere" has neither namespaces nor cidrs, so it names no peer. ' +
        'Add at least one entry to "namespaces" or "cidrs", or remove the rule.',
    );
  });

  test.each([
    { label: 'a rule named like the DNS policy', names: ['dns-egress'] },
    { label: 'two rules with one name', names: ['to-db', 'to-db'] },
  ])('$label is refused', ({ names }) => {
    const allow = names.map((name) => ({ name, direction: 'egress' as const, cidrs: ['10.0.0.0/8'] }));
    expect(() => namespaceBaseline({ ...DEFAULTS_NAMESPACE, allow }, CLUSTER)).toThrow(
      `Namespace "team-a": two objects would both be NetworkPolicy/allow-${names[0]}. ` +
        'Rename the allow rule: rule names must be unique and must not be "dns-egress", which the baseline uses.',
    );
  });
});
