/** Config validation of `nodeGroups`: names, instance types, size bounds and disk size. */
import type { ProblemCollector } from '../errors';
import { DNS1123_LABEL, EC2_INSTANCE_TYPE } from '../names';
import type { EnvironmentConfig } from '../types';

/** Checks every managed node group. */
export function checkNodeGroups(env: EnvironmentConfig, p: ProblemCollector): void {
  if (!Array.isArray(env.nodeGroups) || env.nodeGroups.length === 0) {
    p.add('nodeGroups', env.nodeGroups, 'declare at least one managed node group');
    return;
  }
  const names = new Set<string>();
  env.nodeGroups.forEach((ng, i) => {
    const f = `nodeGroups[${i}]`;
    if (typeof ng.name !== 'string' || !DNS1123_LABEL.test(ng.name) || ng.name.length > 63) p.add(`${f}.name`, ng.name, 'must be a DNS-1123 label, for example "general"');
    else if (names.has(ng.name)) p.add(`${f}.name`, ng.name, 'is used by another node group; names must be unique');
    else if (`${env.clusterName ?? `eks-access-${env.name}`}-node-${ng.name}`.length > 64) p.add(`${f}.name`, ng.name, 'makes the node role name "<clusterName>-node-<name>" longer than 64 characters; shorten the node group or cluster name');
    names.add(ng.name);
    if (!Array.isArray(ng.instanceTypes) || ng.instanceTypes.length === 0) p.add(`${f}.instanceTypes`, ng.instanceTypes, 'list at least one EC2 instance type, for example ["m6i.large"]');
    else ng.instanceTypes.forEach((t, j) => { if (typeof t !== 'string' || !EC2_INSTANCE_TYPE.test(t)) p.add(`${f}.instanceTypes[${j}]`, t, 'is not an EC2 instance type such as "m6i.large"'); });
    const min = ng.minSize, max = ng.maxSize, desired = ng.desiredSize ?? ng.minSize;
    if (!Number.isInteger(min) || min < 0) p.add(`${f}.minSize`, min, 'must be a whole number >= 0');
    if (!Number.isInteger(max) || max < 1 || max < min) p.add(`${f}.maxSize`, max, 'must be a whole number >= 1 and >= minSize');
    if (!Number.isInteger(desired) || desired < min || desired > max) p.add(`${f}.desiredSize`, ng.desiredSize, 'must lie between minSize and maxSize');
    if (ng.diskSize !== undefined && (!Number.isInteger(ng.diskSize) || ng.diskSize < 20)) p.add(`${f}.diskSize`, ng.diskSize, 'must be a whole number of GiB >= 20');
  });
}
