import * as fc from 'fast-check';
import type { NetworkAllowConfig } from '../../../lib/config/types';
import { cidrStrictlyWithin } from '../../../lib/config/vpc-cidrs';
import {
  ALLOW_POLICY_PREFIX,
  allowRulePolicy,
  CLUSTER_DNS_POD_LABELS,
  DEFAULT_DENY_POLICY_NAME,
  defaultDenyPolicy,
  DNS_EGRESS_POLICY_NAME,
  DNS_PORT,
  dnsEgressPolicy,
  excludingVpc,
  NAMESPACE_NAME_LABEL,
} from '../../../lib/k8s/network-policies';
import { ENDPOINT_CIDRS, VPC_CIDRS } from './fixtures';

const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };
const API_VERSION = 'networking.k8s.io/v1';
const nsPeer = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

test('the names and labels the policies use', () => {
  expect(NAMESPACE_NAME_LABEL).toBe('kubernetes.io/metadata.name');
  expect(CLUSTER_DNS_POD_LABELS).toEqual({ 'k8s-app': 'kube-dns' });
  expect(DNS_PORT).toBe(53);
  expect(DEFAULT_DENY_POLICY_NAME).toBe('default-deny');
  expect(ALLOW_POLICY_PREFIX).toBe('allow-');
  expect(DNS_EGRESS_POLICY_NAME).toBe('allow-dns-egress');
});

describe('defaultDenyPolicy', () => {
  test.each(['team-a', 'payments'])('in %s: every pod, both directions, no rule', (namespace) => {
    expect(defaultDenyPolicy(namespace)).toEqual({
      apiVersion: API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace, labels: MANAGED },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  });
});

describe('dnsEgressPolicy', () => {
  test.each(['team-a', 'payments'])('in %s: the kube-system DNS pods (one peer, both selectors) on 53 over UDP and TCP', (namespace) => {
    expect(dnsEgressPolicy(namespace)).toEqual({
      apiVersion: API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns-egress', namespace, labels: MANAGED },
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
    });
  });

  test('the pod selector is a copy: changing one policy leaves the shared labels alone', () => {
    const policy = dnsEgressPolicy('team-a');
    policy.spec.egress![0].to![0].podSelector!.matchLabels.extra = 'x';
    expect(CLUSTER_DNS_POD_LABELS).toEqual({ 'k8s-app': 'kube-dns' });
  });
});

describe('excludingVpc', () => {
  test.each([
    { label: 'the internet leaves out every VPC block', cidr: '0.0.0.0/0', except: ['10.20.0.0/16', '100.64.0.0/16'] },
    { label: 'a wide private range leaves out the block inside it', cidr: '10.0.0.0/8', except: ['10.20.0.0/16'] },
    { label: 'the other wide range, the other block', cidr: '100.64.0.0/10', except: ['100.64.0.0/16'] },
    { label: 'a VPC block itself is kept as it is (not strictly within)', cidr: '10.20.0.0/16', except: undefined },
    { label: 'a block inside the VPC is kept as it is', cidr: '10.20.5.0/24', except: undefined },
    { label: 'a block outside the VPC is kept as it is', cidr: '192.168.0.0/24', except: undefined },
  ])('$label ($cidr)', ({ cidr, except }) => {
    expect(excludingVpc(cidr, VPC_CIDRS)).toEqual({ ipBlock: except ? { cidr, except } : { cidr } });
  });

  test('no VPC blocks: no except field at all', () => {
    expect(excludingVpc('0.0.0.0/0', [])).toStrictEqual({ ipBlock: { cidr: '0.0.0.0/0' } });
  });

  test('except keeps the VPC blocks in their given order', () => {
    expect(excludingVpc('0.0.0.0/0', ['100.64.0.0/16', '10.20.0.0/16'])).toEqual({
      ipBlock: { cidr: '0.0.0.0/0', except: ['100.64.0.0/16', '10.20.0.0/16'] },
    });
  });

  const cidrArb = fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .map(([n, bits]) => {
      const size = 2 ** (32 - bits);
      const base = n - (n % size);
      return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${bits}`;
    });

  test('property: except is exactly the VPC blocks strictly inside the CIDR, in order, and absent when there are none', () => {
    fc.assert(
      fc.property(cidrArb, fc.array(cidrArb, { maxLength: 5 }), (cidr, vpc) => {
        const inside = vpc.filter((block) => cidrStrictlyWithin(block, cidr));
        expect(excludingVpc(cidr, vpc)).toStrictEqual({ ipBlock: inside.length > 0 ? { cidr, except: inside } : { cidr } });
      }),
    );
  });
});

describe('allowRulePolicy', () => {
  const policy = (rule: NetworkAllowConfig, namespace = 'payments') => allowRulePolicy(namespace, rule, VPC_CIDRS);

  test('named allow-<rule name>, in the namespace, managed', () => {
    expect(policy({ name: 'to-db', direction: 'egress', cidrs: ['192.168.0.0/24'] }, 'team-a')).toEqual({
      apiVersion: API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-to-db', namespace: 'team-a', labels: MANAGED },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/24' } }] }] },
    });
  });

  test.each<{ label: string; rule: NetworkAllowConfig; spec: unknown }>([
    {
      label: 'ingress from namespaces on TCP ports',
      rule: { name: 'r', direction: 'ingress', namespaces: ['ingress-nginx', 'monitoring'], tcpPorts: [8080, 8443] },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [nsPeer('ingress-nginx'), nsPeer('monitoring')],
            ports: [
              { protocol: 'TCP', port: 8080 },
              { protocol: 'TCP', port: 8443 },
            ],
          },
        ],
      },
    },
    {
      label: 'egress to namespaces on all ports',
      rule: { name: 'r', direction: 'egress', namespaces: ['monitoring'] },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [nsPeer('monitoring')] }] },
    },
    {
      label: 'ingress CIDRs kept as declared, even the internet, and endpoint CIDRs ignored',
      rule: { name: 'r', direction: 'ingress', cidrs: ['0.0.0.0/0'], vpcEndpointCidrs: ENDPOINT_CIDRS },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
    },
    {
      label: 'egress CIDRs exclude the VPC; endpoint CIDRs added back as their own peers, on the same ports',
      rule: { name: 'r', direction: 'egress', cidrs: ['0.0.0.0/0', '10.20.0.0/16'], tcpPorts: [443], vpcEndpointCidrs: ENDPOINT_CIDRS },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: '0.0.0.0/0', except: ['10.20.0.0/16', '100.64.0.0/16'] } },
              { ipBlock: { cidr: '10.20.0.0/16' } },
              { ipBlock: { cidr: '10.20.5.10/32' } },
              { ipBlock: { cidr: '10.20.6.10/32' } },
            ],
            ports: [{ protocol: 'TCP', port: 443 }],
          },
        ],
      },
    },
    {
      label: 'namespaces first, then CIDRs, then endpoints',
      rule: { name: 'r', direction: 'egress', cidrs: ['192.168.0.0/24'], namespaces: ['monitoring'], vpcEndpointCidrs: ['10.20.5.10/32'] },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [nsPeer('monitoring'), { ipBlock: { cidr: '192.168.0.0/24' } }, { ipBlock: { cidr: '10.20.5.10/32' } }] }],
      },
    },
    {
      label: 'ingress from a namespace and a CIDR, empty tcpPorts meaning all ports',
      rule: { name: 'r', direction: 'ingress', namespaces: ['lb'], cidrs: ['10.0.0.0/8'], tcpPorts: [] },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [nsPeer('lb'), { ipBlock: { cidr: '10.0.0.0/8' } }] }] },
    },
  ])('$label', ({ rule, spec }) => {
    // toStrictEqual: an absent field (ports, except, the other direction) must be absent, not undefined.
    expect(policy(rule).spec).toStrictEqual(spec);
  });

  test('egress with only endpoint CIDRs names them as its peers', () => {
    expect(policy({ name: 'r', direction: 'egress', vpcEndpointCidrs: ['10.20.5.10/32'] }).spec).toStrictEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.20.5.10/32' } }] }],
    });
  });

  test.each<{ label: string; rule: NetworkAllowConfig }>([
    { label: 'egress, fields absent', rule: { name: 'nowhere', direction: 'egress' } },
    { label: 'ingress, fields absent', rule: { name: 'nowhere', direction: 'ingress' } },
    { label: 'fields empty', rule: { name: 'nowhere', direction: 'egress', namespaces: [], cidrs: [], vpcEndpointCidrs: [] } },
    { label: 'ingress with only endpoint CIDRs (ignored for ingress)', rule: { name: 'nowhere', direction: 'ingress', vpcEndpointCidrs: ENDPOINT_CIDRS } },
  ])('a rule with no peer ($label) is refused, naming the namespace and the rule', ({ rule }) => {
    expect(() => allowRulePolicy('team-a', rule, VPC_CIDRS)).toThrow(
      new Error(
        'Namespace "team-a": allow rule "nowhere" has neither namespaces nor cidrs, so it names no peer. ' +
          'Add at least one entry to "namespaces" or "cidrs", or remove the rule.',
      ),
    );
  });

  test('property: one peer per namespace and CIDR (plus endpoints for egress), the direction decides from/to and the policy type', () => {
    const rules = fc.record({
      name: fc.constantFrom('a', 'to-db', 'from-lb'),
      direction: fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'),
      namespaces: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
      cidrs: fc.array(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '192.168.1.0/24'), { maxLength: 3 }),
      vpcEndpointCidrs: fc.array(fc.constantFrom(...ENDPOINT_CIDRS), { maxLength: 2 }),
      tcpPorts: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(rules, (rule) => {
        const egress = rule.direction === 'egress';
        const count = rule.namespaces.length + rule.cidrs.length + (egress ? rule.vpcEndpointCidrs.length : 0);
        if (count === 0) {
          expect(() => allowRulePolicy('ns', rule, VPC_CIDRS)).toThrow(/names no peer/);
          return;
        }
        const { metadata, spec } = allowRulePolicy('ns', rule, VPC_CIDRS);
        expect(metadata.name).toBe(`allow-${rule.name}`);
        expect(spec.policyTypes).toEqual([egress ? 'Egress' : 'Ingress']);
        const rulesOf = egress ? spec.egress : spec.ingress;
        expect(egress ? spec.ingress : spec.egress).toBeUndefined();
        expect(rulesOf).toHaveLength(1);
        const [only] = rulesOf!;
        expect((egress ? only.to : only.from)?.length).toBe(count);
        expect(egress ? only.from : only.to).toBeUndefined();
        expect(only.ports).toEqual(rule.tcpPorts.length > 0 ? rule.tcpPorts.map((port) => ({ protocol: 'TCP', port })) : undefined);
      }),
    );
  });
});
