/**
 * Config validation of workload namespaces: names, Pod Security level, quota and container
 * defaults (Kubernetes quantities), and the allow rules of the default-deny baseline.
 */
import type { ProblemCollector } from '../errors';
import { DNS1123_LABEL, K8S_QUANTITY, isIpv4Cidr } from '../names';
import type { NamespaceConfig, PodSecurityLevel } from '../types';

/** A namespace with its defaults applied. */
export interface ResolvedNamespace extends NamespaceConfig {
  readonly podSecurity: PodSecurityLevel;
  readonly developerAccess: boolean;
  readonly allowDeletion: boolean;
}

/** Namespaces that must not get a default-deny baseline from this app. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];
const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

function checkQuantity(field: string, value: unknown, p: ProblemCollector): void {
  if (typeof value !== 'string' || !K8S_QUANTITY.test(value)) p.add(field, value, 'must be a Kubernetes quantity string such as "500m", "2" or "4Gi"');
}

/** Checks every namespace and returns them with their defaults. */
export function checkNamespaces(namespaces: NamespaceConfig[], p: ProblemCollector): ResolvedNamespace[] {
  if (!Array.isArray(namespaces)) { p.add('namespaces', namespaces, 'must be a list (may be empty)'); return []; }
  const names = new Set<string>();
  return namespaces.map((ns, i) => {
    const f = `namespaces[${i}]`;
    if (typeof ns.name !== 'string' || !DNS1123_LABEL.test(ns.name) || ns.name.length > 63) p.add(`${f}.name`, ns.name, 'must be a DNS-1123 label (lower-case letters, digits, "-"; at most 63), for example "payments"');
    else if (SYSTEM_NAMESPACES.includes(ns.name)) p.add(`${f}.name`, ns.name, 'is a system namespace; a default-deny baseline would break it, declare a workload namespace instead');
    else if (names.has(ns.name)) p.add(`${f}.name`, ns.name, 'is declared twice; declare each namespace once');
    names.add(ns.name);
    const level = ns.podSecurity ?? 'restricted';
    if (!POD_SECURITY_LEVELS.includes(level)) p.add(`${f}.podSecurity`, ns.podSecurity, `must be one of ${POD_SECURITY_LEVELS.join(', ')}`);
    const q = ns.quota ?? ({} as NamespaceConfig['quota']);
    checkQuantity(`${f}.quota.requestsCpu`, q.requestsCpu, p);
    checkQuantity(`${f}.quota.requestsMemory`, q.requestsMemory, p);
    checkQuantity(`${f}.quota.limitsCpu`, q.limitsCpu, p);
    checkQuantity(`${f}.quota.limitsMemory`, q.limitsMemory, p);
    if (!Number.isInteger(q.pods) || q.pods < 1) p.add(`${f}.quota.pods`, q.pods, 'must be a whole number >= 1');
    const d = ns.containerDefaults ?? ({} as NamespaceConfig['containerDefaults']);
    checkQuantity(`${f}.containerDefaults.requestCpu`, d.requestCpu, p);
    checkQuantity(`${f}.containerDefaults.requestMemory`, d.requestMemory, p);
    checkQuantity(`${f}.containerDefaults.limitCpu`, d.limitCpu, p);
    checkQuantity(`${f}.containerDefaults.limitMemory`, d.limitMemory, p);
    for (const key of ['developerAccess', 'allowDeletion'] as const) {
      if (ns[key] !== undefined && typeof ns[key] !== 'boolean') p.add(`${f}.${key}`, ns[key], 'must be true or false (or left out)');
    }
    const ruleNames = new Set<string>();
    (ns.allow ?? []).forEach((rule, j) => {
      const rf = `${f}.allow[${j}]`;
      if (typeof rule.name !== 'string' || !DNS1123_LABEL.test(rule.name) || rule.name.length > 50) p.add(`${rf}.name`, rule.name, 'must be a DNS-1123 label of at most 50 characters');
      else if (rule.name === 'dns-egress') p.add(`${rf}.name`, rule.name, 'is reserved for the built-in DNS egress policy; choose another name');
      else if (ruleNames.has(rule.name)) p.add(`${rf}.name`, rule.name, 'is used by another allow rule of this namespace; names must be unique');
      ruleNames.add(rule.name);
      if (rule.direction !== 'ingress' && rule.direction !== 'egress') p.add(`${rf}.direction`, rule.direction, 'must be "ingress" or "egress"');
      if (!(rule.namespaces?.length || rule.cidrs?.length)) p.add(rf, rule, 'name at least one peer: "namespaces" or "cidrs"');
      (rule.namespaces ?? []).forEach((n, k) => { if (typeof n !== 'string' || !DNS1123_LABEL.test(n)) p.add(`${rf}.namespaces[${k}]`, n, 'must be a namespace name (DNS-1123 label)'); });
      (rule.cidrs ?? []).forEach((c, k) => { if (!isIpv4Cidr(c)) p.add(`${rf}.cidrs[${k}]`, c, 'must be an IPv4 CIDR such as "10.0.0.0/8"'); });
      (rule.tcpPorts ?? []).forEach((port, k) => { if (!Number.isInteger(port) || port < 1 || port > 65535) p.add(`${rf}.tcpPorts[${k}]`, port, 'must be a port number from 1 to 65535'); });
    });
    return { ...ns, podSecurity: level, developerAccess: ns.developerAccess ?? true, allowDeletion: ns.allowDeletion === true, allow: ns.allow ?? [] };
  });
}
