import * as path from 'path';
import { CustomResource, Duration, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnAccessEntry } from 'aws-cdk-lib/aws-eks';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  CLUSTER_ADMIN_POLICY_ARN, MANIFESTS_HANDLER_DESCRIPTION, MANIFESTS_RBAC_RESOURCE_TYPE, ManifestsRbacProps, manifestsUsername,
} from '../../../lambda/manifests/api';
import { describeId, idKey } from '../../../lambda/manifests/core/ids';
import { parseApiVersion } from '../../../lambda/manifests/core/kinds';
import { payloadProblem } from '../../../lambda/manifests/core/payload';
import type { KubernetesObject } from '../../k8s/manifest';
import { manifestsRbac } from '../../k8s/manifests-rbac';
import type { CustomKind } from '../../k8s/manifests-rbac';
import { PROJECT_ROOT, handlerFunctionProps, clusterNetwork, placeInClusterVpc, vpcFunctionProps } from '../handler-function';
import { ownerIdOf } from './core/owner-id';
import { acknowledgeManifestsProvider } from './nag';

/** Where the handler lives (bundled by esbuild at synth, no Docker). */
const HANDLER_ENTRY = path.join(PROJECT_ROOT, 'lambda', 'manifests', 'index.ts');

/** Prefix of the generated ClusterRole's (and its binding's) name; the bootstrap's owner id follows. */
export const MANIFESTS_RBAC_NAME_PREFIX = 'eks-access-manifests-';

/**
 * The handler's timeout: Lambda's maximum. A Delete waits within it for a namespace to finish
 * terminating, and the RBAC bootstrap for its admin association to take effect; the handler
 * keeps its own budget inside it (lambda/edge/budget.ts), so it answers CloudFormation before
 * Lambda would stop it. The Provider framework's own function also runs up to 15 minutes.
 */
export const MANIFESTS_HANDLER_TIMEOUT = Duration.minutes(15);

/** Props of {@link ManifestsProvider}. */
export interface ManifestsProviderProps {
  /**
   * The cluster the provider's resources write to. The handler runs in the cluster's VPC
   * whenever the network is known (always for an `eks.Cluster`; for an import when
   * `fromClusterAttributes` was given `vpc` and `clusterSecurityGroupId`), as the aws-auth
   * handler does; otherwise outside any VPC, which needs a public endpoint admitting Lambda.
   */
  readonly cluster: eks.ICluster;
}

/** What one manifests resource declares, for the generated RBAC. */
export interface DeclaredManifests {
  /** The resource's construct path (for messages). */
  readonly path: string;
  /** The objects it owns. */
  readonly objects: readonly KubernetesObject[];
  /** The patches of objects owned by others. */
  readonly patches: readonly KubernetesObject[];
  /** Plurals of kinds outside the built-in table. */
  readonly customKinds: readonly CustomKind[];
}

/**
 * One manifests provider per cluster per stack (get-or-create): the handler
 * (lambda/manifests/index.ts), its role, its access entry with a Kubernetes username of its own
 * (`manifestsUsername` of the bootstrap's owner id), no groups and no access policy, and the
 * RBAC bootstrap resource that applies the function's generated, name-limited RBAC
 * (lib/k8s/manifests-rbac.ts, bound to that username alone, so that a second provider on the
 * cluster, as the Access and the Workloads stacks each have, holds none of it) under a temporary association of
 * `AmazonEKSClusterAdminPolicy` to the function's own principal, removed again before the
 * bootstrap answers. Every manifests resource of the provider depends on the bootstrap, so its
 * RBAC is in place first (and on deletion outlives them).
 *
 * The function's IAM: logs to its own log group, `eks:DescribeCluster` on the cluster, and for
 * the bootstrap `eks:AssociateAccessPolicy` / `eks:DisassociateAccessPolicy` on its own access
 * entry's ARN only, conditioned on `eks:policyArn` = the cluster-admin policy, plus
 * `eks:ListAssociatedAccessPolicies` on that entry (an action without that condition key). Whoever may update or invoke the function can
 * therefore reach cluster admin: the boundary is IAM, as for every identity that manages RBAC.
 * The provider stays one per cluster per stack: a deployed custom resource's ServiceToken
 * cannot change, nor may these logical ids.
 */
export class ManifestsProvider extends Construct {
  /** The provider of `cluster` in the stack of `scope`, created on first use. */
  static getOrCreate(scope: Construct, props: ManifestsProviderProps): ManifestsProvider {
    const stack = Stack.of(scope);
    const id = `ManifestsProvider${Names.nodeUniqueId(props.cluster.node)}`;
    const existing = stack.node.tryFindChild(id) as ManifestsProvider | undefined;
    return existing ?? new ManifestsProvider(stack, id, props);
  }

  /** Service token for the custom resources. */
  readonly serviceToken: string;
  /** The handler function. */
  readonly handler: lambda.Function;
  /** The handler's role (the principal of its access entry). */
  readonly role: iam.Role;
  /** The handler's access entry: username {@link username}, no groups, no access policy. */
  readonly accessEntry: CfnAccessEntry;
  /** The Kubernetes username of the handler's access entry: the one subject of its generated ClusterRoleBinding. */
  readonly username: string;
  /** The RBAC bootstrap resource; every manifests resource depends on it. */
  readonly bootstrap: CustomResource;
  /** Owner id of the bootstrap's objects (derived from the stack name and this provider's path). */
  readonly bootstrapOwner: string;
  /** Name of the generated ClusterRole and ClusterRoleBinding. */
  readonly rbacName: string;
  /** The handler's own security group, when it runs in the cluster's VPC. */
  readonly securityGroup?: ec2.SecurityGroup;
  private readonly declared: DeclaredManifests[] = [];

  private constructor(scope: Construct, id: string, props: ManifestsProviderProps) {
    super(scope, id);
    const { cluster } = props;
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `manifests handler for cluster ${cluster.node.path}`,
    });
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [cluster.clusterArn] }));

    const network = clusterNetwork(cluster);
    const placement = network === undefined ? undefined : placeInClusterVpc(this, this.role, network, {
      securityGroup: `manifests handler of ${cluster.node.path}: HTTPS to the private API endpoint and EKS`,
      egress: 'HTTPS: the private API endpoint and EKS',
      ingress: `manifests handler (${this.node.path}) to the Kubernetes API`,
    });
    this.securityGroup = placement?.securityGroup;

    this.bootstrapOwner = ownerIdOf(Stack.of(this).stackName, `${this.node.path}/RbacBootstrap`);
    this.rbacName = `${MANIFESTS_RBAC_NAME_PREFIX}${this.bootstrapOwner}`;
    this.username = manifestsUsername(this.bootstrapOwner);
    // A username of its own and no groups: RBAC sees this provider alone. EKS passes a username
    // without {{SessionName}} on as given; a change of it updates the entry in place.
    this.accessEntry = new CfnAccessEntry(this, 'AccessEntry', {
      clusterName: cluster.clusterName,
      principalArn: this.role.roleArn,
      username: this.username,
      type: 'STANDARD',
    });
    this.allowAdminWindow();

    this.handler = new lambda.Function(this, 'Handler', {
      ...handlerFunctionProps(HANDLER_ENTRY),
      timeout: MANIFESTS_HANDLER_TIMEOUT,
      role: this.role,
      logGroup,
      description: MANIFESTS_HANDLER_DESCRIPTION,
      // In the VPC whatever the endpoint mode: a public allow-list cannot admit Lambda's
      // changing addresses, and a private endpoint is reachable only from inside.
      ...(network && placement ? vpcFunctionProps(network, placement.securityGroup) : {}),
    });

    // No isComplete handler: the handler waits within its own budget (namespaces, the admin
    // association) and answers once; the framework only relays.
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler,
      logGroup: new logs.LogGroup(this, 'ProviderLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
    });
    this.serviceToken = provider.serviceToken;

    this.bootstrap = new CustomResource(this, 'RbacBootstrap', {
      serviceToken: this.serviceToken,
      resourceType: MANIFESTS_RBAC_RESOURCE_TYPE,
      properties: {
        [ManifestsRbacProps.clusterName]: cluster.clusterName,
        [ManifestsRbacProps.owner]: this.bootstrapOwner,
        [ManifestsRbacProps.objects]: Lazy.string({ produce: () => JSON.stringify(this.rbacObjects()) }),
        [ManifestsRbacProps.principalArn]: this.role.roleArn,
      },
    });
    this.bootstrap.node.addDependency(this.accessEntry);
    if (placement) this.bootstrap.node.addDependency(placement.ingress);
    this.node.addValidation({ validate: () => [...this.checkOneOwnerEach(), ...this.checkBootstrapSize()] });
    acknowledgeManifestsProvider(this.role, provider, this.handler, network !== undefined);
  }

  /** Adds what a manifests resource declares to the generated RBAC. */
  register(declared: DeclaredManifests): void {
    this.declared.push(declared);
  }

  /** The generated RBAC over every registered resource (the bootstrap's Objects). */
  rbacObjects(): KubernetesObject[] {
    return manifestsRbac({
      name: this.rbacName,
      username: this.username,
      objects: this.declared.flatMap((d) => d.objects),
      patches: this.declared.flatMap((d) => d.patches),
      customKinds: this.declared.flatMap((d) => d.customKinds),
    });
  }

  /**
   * The bootstrap's IAM: associate and disassociate exactly the cluster-admin policy on the
   * function's own access entry (its ARN ends in a UUID EKS assigns, so it is the entry's
   * `AccessEntryArn` attribute, known at deploy), and list that entry's associations. The
   * Service Authorization Reference lists `eks:policyArn` (type ARN, so `ArnEquals`) for
   * AssociateAccessPolicy and DisassociateAccessPolicy, and no such key for
   * ListAssociatedAccessPolicies. `eks:accessScope` is not conditioned: cluster scope is the
   * widest an association can have, so requiring it would narrow nothing, and a mismatch of
   * its value format would only break the bootstrap.
   */
  private allowAdminWindow(): void {
    const entryArn = this.accessEntry.attrAccessEntryArn;
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['eks:AssociateAccessPolicy', 'eks:DisassociateAccessPolicy'],
      resources: [entryArn],
      conditions: { ArnEquals: { 'eks:policyArn': CLUSTER_ADMIN_POLICY_ARN } },
    }));
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['eks:ListAssociatedAccessPolicies'], resources: [entryArn] }));
  }

  /**
   * No object is declared (owned or patched) by two resources of the provider: an owned object
   * carries one owner id, and patches share one field manager, so the second would fail at
   * deploy or undo the first. (Resources in other stacks have other providers; the handler
   * refuses an object another owner id holds.)
   */
  private checkOneOwnerEach(): string[] {
    const first = new Map<string, string>();
    const problems: string[] = [];
    for (const d of this.declared) {
      const items = [...d.objects.map((o) => [o, 'declares'] as const), ...d.patches.map((p) => [p, 'patches'] as const)];
      for (const [o, verb] of items) {
        const id = { group: parseApiVersion(o.apiVersion)?.group ?? '', kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }) };
        const key = idKey(id);
        const prior = first.get(key);
        if (prior === undefined) first.set(key, `KubernetesObjects ${d.path} ${verb} it`);
        else problems.push(`KubernetesObjects ${d.path} ${verb} ${describeId(id)}, and ${prior} too; an object belongs to one manifests resource (an owned object carries one owner id, and patches share one field manager), so declare it in only one of them`);
      }
    }
    return problems;
  }

  private checkBootstrapSize(): string[] {
    const objects = JSON.stringify(this.rbacObjects());
    if (Token.isUnresolved(objects)) return [];
    // ClusterName and PrincipalArn resolve at deploy: counted at their longest (EKS allows 100
    // characters for a cluster name, IAM 2048 for a role ARN).
    const problem = payloadProblem(this.bootstrap.node.path, {
      [ManifestsRbacProps.clusterName]: 'x'.repeat(100),
      [ManifestsRbacProps.owner]: this.bootstrapOwner,
      [ManifestsRbacProps.objects]: objects,
      [ManifestsRbacProps.principalArn]: 'x'.repeat(2048),
    });
    return problem === undefined ? [] : [problem];
  }
}
