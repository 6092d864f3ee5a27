import { ENVIRONMENTS } from '../lib/config/environments';
import { vpcCidrs } from '../lib/config/vpc-cidrs';
import type { KubernetesObject } from '../lib/k8s/manifest';
import { namespaceBaseline } from '../lib/k8s/namespace-baseline';
import { developerRbac, readerRbac } from '../lib/k8s/rbac';
import { serviceAccountManifest } from '../lib/k8s/service-account';

/**
 * What the shipped dev environment applies through the manifests handler, built from
 * lib/config by the lib/k8s builders as the stacks build them: each namespace with its
 * baseline (quota, limit range, network policies) and developer RBAC where it has developer
 * access (Workloads), the IRSA service accounts outside kube-system (Workloads; `kube-system`
 * ones are the VPC CNI's `aws-node`, whose annotation the add-on owns, so no manifests resource
 * writes it) and the reader RBAC (Access). The stacks spread them over one resource per
 * namespace, per service account and for the reader RBAC; the bench applies them as one
 * resource, so each figure covers the whole environment. The role ARNs are placeholders of the
 * ones the stacks create (tokens at synth).
 */
export function devObjects(): KubernetesObject[] {
  const dev = ENVIRONMENTS.find((e) => e.name === 'dev');
  if (dev === undefined) throw new Error('lib/config/environments.ts has no environment named "dev": the manifests bench applies the dev environment\'s objects; add it back or point the bench at another environment.');
  const cluster = { kubernetesVersion: dev.kubernetesVersion, vpcCidrs: vpcCidrs(dev.vpc) };
  return [
    ...dev.namespaces.flatMap((ns) => {
      const baseline = namespaceBaseline(ns, cluster);
      return [baseline.namespace, ...baseline.dependents, ...(ns.developerAccess === false ? [] : developerRbac(ns.name))];
    }),
    ...dev.serviceAccounts.filter((sa) => sa.namespace !== 'kube-system')
      .map((sa) => serviceAccountManifest(sa.namespace, sa.name, sa.roleArn ?? `arn:aws:iam::${dev.account}:role/eks-access-dev-${sa.namespace}-${sa.name}`)),
    ...readerRbac(),
  ];
}

/**
 * `objects` with one field changed: the first ResourceQuota's `requests.cpu` doubled (a value
 * a team raises), everything else equal.
 */
export function withOneChange(objects: readonly KubernetesObject[]): KubernetesObject[] {
  const i = objects.findIndex((o) => o.kind === 'ResourceQuota');
  if (i < 0) throw new Error('the objects hold no ResourceQuota: the bench changes the first ResourceQuota\'s spec.hard["requests.cpu"]; give it an object with one.');
  const quota = objects[i] as KubernetesObject & { spec: { hard: Record<string, string> } };
  const cpu = Number(quota.spec.hard['requests.cpu']);
  const changed = { ...quota, spec: { ...quota.spec, hard: { ...quota.spec.hard, 'requests.cpu': String(cpu * 2) } } };
  return objects.map((o, j) => (j === i ? changed : o));
}
