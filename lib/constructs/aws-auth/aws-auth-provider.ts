import * as path from 'path';
import { Duration, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnAccessEntry } from 'aws-cdk-lib/aws-eks';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { AwsAuthFunctionEnv, OWNER_LIST_SEPARATOR, WRITER_GROUP } from '../../../lambda/aws-auth/api';
import { awsAuthWriterRbac } from '../../k8s/rbac';
import { KubernetesObjects } from '../manifests/kubernetes-objects';
import { acknowledge, acknowledgeProviderFramework, managedPolicyFinding } from '../../nag/cluster';
import { PROJECT_ROOT, handlerFunctionProps, VPC_ACCESS_POLICY, clusterNetwork, placeInClusterVpc, vpcFunctionProps } from '../handler-function';

// Where they were first defined; the verify runner and tests import them from here.
export { clusterNetwork };
export type { ClusterNetwork } from '../handler-function';

/** Where the handler lives (bundled by esbuild at synth, no Docker). */
const HANDLER_ENTRY = path.join(PROJECT_ROOT, 'lambda', 'aws-auth', 'index.ts');

/** Description of the handler function (how tests and the access report find it). */
export const AWS_AUTH_HANDLER_DESCRIPTION = 'eks-access: merges role and user mappings into kube-system/aws-auth';

/** Props of {@link AwsAuthProvider}. */
export interface AwsAuthProviderProps {
  /**
   * The cluster whose aws-auth the provider edits. The handler runs in the cluster's VPC (its
   * private subnets with egress, its own security group, admitted by the cluster security group
   * on 443) whenever the network is known: always for an `eks.Cluster`, and for an import when
   * `fromClusterAttributes` was given `vpc` and `clusterSecurityGroupId`. From there it reaches
   * the private endpoint, and EKS (DescribeCluster), IAM (GetRole/GetUser) and, with
   * `assumeRole`, STS through the VPC's NAT gateway (or interface endpoints for EKS and STS; the
   * token is presigned locally, no STS call). Without them it runs outside any VPC and needs a
   * public endpoint that admits Lambda's addresses.
   */
  readonly cluster: eks.ICluster;
  /**
   * An existing role that can already edit aws-auth (CONFIG_MAP-only clusters); the handler
   * assumes it, and no access entry or RBAC is created.
   * @default - the handler's own role gets an access entry in group WRITER_GROUP and a Role in kube-system
   */
  readonly assumeRole?: iam.IRole;
}

/** The safety switches an owner's mappings ask for. */
export interface OwnerSwitches {
  /** The owner's mappings may map `system:masters`. @default false */
  readonly allowClusterAdmin?: boolean;
  /** The owner's mappings may take over differing unowned entries. @default false */
  readonly takeOverUnowned?: boolean;
}

/** Lambda's limit on all environment variables of a function together, in bytes. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;

/**
 * One Lambda-backed provider per cluster per stack (get-or-create): the handler, its role
 * (least privilege), and the Kubernetes access it needs: an access entry in its own group and a
 * kube-system Role limited to the `aws-auth` ConfigMap. Merge resources depend on that access,
 * so on deletion the access outlives them.
 *
 * The function's own configuration decides the safety switches (`AwsAuthFunctionEnv`): its
 * environment lists, at synth, the owners whose mappings set `allowClusterAdmin` and those that
 * set `takeOverUnowned` ({@link allowSwitches}). A merge resource's flags are requests the
 * handler honours only for a listed owner, so an invocation with hand-made properties (anyone
 * who may invoke the function, or a template edited after synth) cannot grant cluster admin or
 * take over entries the stack did not declare. The provider stays one per cluster per stack:
 * a deployed custom resource's ServiceToken cannot change, nor may these logical ids.
 */
export class AwsAuthProvider extends Construct {
  /**
   * The provider of `cluster` in the stack of `scope`, created on first use.
   * @throws if a provider exists with a different `assumeRole`.
   */
  static getOrCreate(scope: Construct, props: AwsAuthProviderProps): AwsAuthProvider {
    const stack = Stack.of(scope);
    const id = `AwsAuthProvider${Names.nodeUniqueId(props.cluster.node)}`;
    const existing = stack.node.tryFindChild(id) as AwsAuthProvider | undefined;
    if (existing) {
      if (existing.assumeRole !== props.assumeRole) {
        throw new Error(`AwsAuthMappings in ${stack.stackName} use cluster ${props.cluster.node.path} with different assumeRole values; use one assumeRole per cluster per stack`);
      }
      return existing;
    }
    return new AwsAuthProvider(stack, id, props);
  }

  /** Service token for the custom resources. */
  readonly serviceToken: string;
  /** The handler function. */
  readonly handler: lambda.Function;
  /** What the merge resources must wait for (access entry and RBAC), if created. */
  readonly accessDependencies: Construct[] = [];
  /** The role the handler assumes, if any. */
  readonly assumeRole?: iam.IRole;
  /**
   * The handler's own security group, when it runs in the cluster's VPC: egress TCP 443 only,
   * admitted on 443 by the cluster security group.
   */
  readonly securityGroup?: ec2.SecurityGroup;
  private readonly validationStatement: iam.PolicyStatement;
  private readonly validated = new Set<string>();
  private readonly clusterAdminOwners = new Set<string>();
  private readonly takeOverOwners = new Set<string>();

  private constructor(scope: Construct, id: string, props: AwsAuthProviderProps) {
    super(scope, id);
    this.assumeRole = props.assumeRole;
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    const role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `aws-auth merge handler for cluster ${props.cluster.node.path}`,
    });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [props.cluster.clusterArn] }));
    if (props.assumeRole) {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [props.assumeRole.roleArn] }));
    }
    // Filled in as mappings with validation are added: GetRole/GetUser on exactly those ARNs.
    this.validationStatement = new iam.PolicyStatement({ actions: ['iam:GetRole', 'iam:GetUser'] });

    const network = clusterNetwork(props.cluster);
    if (network) {
      // The private endpoint's interfaces in the VPC, and EKS and IAM (and STS with assumeRole) through the NAT gateway or interface endpoints.
      const placement = placeInClusterVpc(this, role, network, {
        securityGroup: `aws-auth merge handler of ${props.cluster.node.path}: HTTPS to the private API endpoint and AWS APIs`,
        egress: 'HTTPS: the private API endpoint, EKS and IAM',
        ingress: `aws-auth merge handler (${this.node.path}) to the Kubernetes API`,
      });
      this.securityGroup = placement.securityGroup;
      // In this stack, with the handler: the cluster security group admits the handler on 443.
      this.accessDependencies.push(placement.ingress);
    }

    this.handler = new lambda.Function(this, 'Handler', {
      ...handlerFunctionProps(HANDLER_ENTRY, {
        [AwsAuthFunctionEnv.clusterAdminOwners]: Lazy.string({ produce: () => ownerList(this.clusterAdminOwners) }),
        [AwsAuthFunctionEnv.takeOverOwners]: Lazy.string({ produce: () => ownerList(this.takeOverOwners) }),
      }),
      timeout: Duration.minutes(5),
      role,
      logGroup,
      description: AWS_AUTH_HANDLER_DESCRIPTION,
      // In the VPC whatever the endpoint mode: a public allow-list cannot admit Lambda's
      // changing addresses, and a private endpoint is reachable only from inside.
      ...(network && this.securityGroup ? vpcFunctionProps(network, this.securityGroup) : {}),
    });
    this.node.addValidation({ validate: () => this.checkEnvironmentSize() });

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler,
      logGroup: new logs.LogGroup(this, 'ProviderLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
    });
    this.serviceToken = provider.serviceToken;

    if (network) {
      acknowledge(role, [managedPolicyFinding(VPC_ACCESS_POLICY)],
        'Lambda requires ENI permissions for a function in a VPC; the AWS managed AWSLambdaVPCAccessExecutionRole grants only those (and logs).');
    }

    if (!props.assumeRole) {
      const entry = new CfnAccessEntry(this, 'AccessEntry', {
        clusterName: props.cluster.clusterName,
        principalArn: role.roleArn,
        kubernetesGroups: [WRITER_GROUP],
        type: 'STANDARD',
      });
      // The id of 0.2, when a retained kubectl resource (WriterRbac) still wrote the same objects.
      const rbac = new KubernetesObjects(this, 'WriterRbacObjects', { cluster: props.cluster, objects: awsAuthWriterRbac() });
      this.accessDependencies.push(entry, rbac);
    }
    this.acknowledgeFindings(provider);
  }

  /** Lets the handler validate that a mapped principal exists (iam:GetRole / iam:GetUser on exactly that ARN). */
  allowValidation(principalArn: string): void {
    if (this.validated.has(principalArn)) return;
    if (this.validated.size === 0) this.handler.addToRolePolicy(this.validationStatement);
    this.validated.add(principalArn);
    this.validationStatement.addResources(principalArn);
  }

  /**
   * Lists `owner` in the function's configuration for the switches its mappings set, so that
   * the handler honours their requests (and only theirs).
   */
  allowSwitches(owner: string, switches: OwnerSwitches): void {
    if (switches.allowClusterAdmin) this.clusterAdminOwners.add(owner);
    if (switches.takeOverUnowned) this.takeOverOwners.add(owner);
  }

  private checkEnvironmentSize(): string[] {
    const owners = [...this.clusterAdminOwners, ...this.takeOverOwners];
    if (owners.some((o) => Token.isUnresolved(o))) return [];
    const size = owners.reduce((n, o) => n + Buffer.byteLength(o) + 1, 0);
    return size > LAMBDA_ENVIRONMENT_LIMIT / 2
      ? [`the aws-auth handler of ${this.node.path} lists owners totalling ${size} bytes in ${AwsAuthFunctionEnv.clusterAdminOwners} and ${AwsAuthFunctionEnv.takeOverOwners}, too close to Lambda's ${LAMBDA_ENVIRONMENT_LIMIT}-byte environment limit; use shorter owner ids or fewer AwsAuthMappings with these switches in one stack`]
      : [];
  }

  private acknowledgeFindings(provider: cr.Provider): void {
    const framework = provider.node.tryFindChild('framework-onEvent');
    if (framework) acknowledgeProviderFramework(framework, this.handler);
  }

}

/** An owner set as the handler reads it: sorted, joined; empty for none. */
function ownerList(owners: ReadonlySet<string>): string {
  return [...owners].sort().join(OWNER_LIST_SEPARATOR);
}
