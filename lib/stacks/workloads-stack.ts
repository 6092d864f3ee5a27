import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../config/validate';
import { vpcCidrs } from '../config/vpc-cidrs';
import { IrsaServiceAccount } from '../constructs/irsa-service-account';
import { KubernetesObjects } from '../constructs/manifests/kubernetes-objects';
import { VpcCniAddon } from '../constructs/vpc-cni-addon';
import { namespaceBaseline } from '../k8s/namespace-baseline';
import { developerRbac } from '../k8s/rbac';
import { AWS_NODE_SERVICE_ACCOUNT } from '../k8s/vpc-cni';
import { acknowledgeIrsaFindings } from '../nag/workloads';

/** Props of {@link WorkloadsStack}. */
export interface WorkloadsStackProps extends StackProps {
  /** The validated environment. */
  readonly config: ResolvedEnvironment;
  /** The cluster (with its OIDC provider). */
  readonly cluster: eks.ICluster;
}

/** Namespaces that exist in every cluster; their service accounts are patched, not created. */
const EXISTING_NAMESPACES = ['kube-system'];

/** Whether a service account is the VPC CNI's, `kube-system/aws-node`. */
const isAwsNode = (sa: { namespace: string; name: string }) =>
  sa.namespace === AWS_NODE_SERVICE_ACCOUNT.namespace && sa.name === AWS_NODE_SERVICE_ACCOUNT.name;

/**
 * Workload namespaces with their baseline (PSA labels, quota, limit range, network policies,
 * developer RBAC), the IRSA roles and service accounts, and the `vpc-cni` add-on (which
 * enforces the network policies where config says so).
 *
 * The add-on is here, beside the aws-node IRSA role it runs with, not in the Cluster stack: the
 * role was deployed here, and moving it would delete and recreate it (a new ARN under the CNI
 * while it runs); both only point at the Cluster stack (cluster name, OIDC provider), so there
 * is no cycle. The add-on owns the service account's annotation (ServiceAccountRoleArn); the
 * app does not patch it (`annotatedByOthers`).
 */
export class WorkloadsStack extends Stack {
  /** IRSA roles by `namespace/name`. */
  readonly serviceAccountRoles: ReadonlyMap<string, iam.IRole>;

  constructor(scope: Construct, id: string, props: WorkloadsStackProps) {
    super(scope, id, props);
    const { config, cluster } = props;

    // Per namespace: the resource that writes it, which its service accounts wait for.
    const namespaces = new Map<string, KubernetesObjects>();
    const baselineCluster = { kubernetesVersion: config.kubernetesVersion, vpcCidrs: vpcCidrs(config.vpc) };
    for (const ns of config.namespaces) {
      const baseline = namespaceBaseline(ns, baselineCluster);
      const dependents = [...baseline.dependents, ...(ns.developerAccess ? developerRbac(ns.name) : [])];
      // The kubectl resources of releases before 0.3 (Namespace-<ns>, Baseline-<ns>) were retained
      // by 0.2, so their removal here deletes nothing; this resource adopted their objects.
      namespaces.set(ns.name, new KubernetesObjects(this, `Objects-${ns.name}`, {
        cluster, objects: [baseline.namespace, ...dependents], allowNamespaceDeletion: ns.allowDeletion,
      }));
    }

    const roles = new Map<string, iam.IRole>();
    config.serviceAccounts.forEach((sa) => {
      const id = `Irsa-${sa.namespace}-${sa.name}`;
      const irsa = new IrsaServiceAccount(this, id, {
        cluster,
        namespace: sa.namespace,
        name: sa.name,
        statements: sa.policyStatements?.map((s) => new iam.PolicyStatement({ actions: s.actions, resources: s.resources })),
        managedPolicies: sa.managedPolicyNames?.map((n) => iam.ManagedPolicy.fromAwsManagedPolicyName(n)),
        existingRole: sa.roleArn ? iam.Role.fromRoleArn(this, `${id}-Existing`, sa.roleArn, { mutable: false }) : undefined,
        patchExisting: EXISTING_NAMESPACES.includes(sa.namespace),
        annotatedByOthers: isAwsNode(sa),
      });
      if (isAwsNode(sa)) {
        new VpcCniAddon(this, 'VpcCni', {
          cluster, kubernetesVersion: config.kubernetesVersion, role: irsa.role, networkPolicyEnforcement: config.networkPolicyEnforcement,
        });
      }
      if (!sa.roleArn) acknowledgeIrsaFindings(irsa.role, sa);
      const namespace = namespaces.get(sa.namespace);
      if (namespace && irsa.objects) irsa.objects.node.addDependency(namespace);
      roles.set(`${sa.namespace}/${sa.name}`, irsa.role);
      new CfnOutput(this, `${id}-RoleArn`, { value: irsa.role.roleArn, description: `IRSA role of ${sa.namespace}/${sa.name}` });
    });
    this.serviceAccountRoles = roles;
  }
}
