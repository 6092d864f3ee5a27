import { CfnOutput, ContextProvider, Stack, Validations } from 'aws-cdk-lib';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import type { StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ConfigValidationError, ENVIRONMENTS_SOURCE } from '../config/errors';
import { nodeRoleName } from '../config/mappings';
import { DEFAULT_MAX_AZS, committedZonesProblems } from '../config/rules/zones';
import type { ResolvedEnvironment } from '../config/validate';
import { acknowledgeClusterFindings, acknowledgeNodeRole } from '../nag/cluster';
import { admitOperatorNetworks, endpointAccess } from './endpoint-access';

/** Props of {@link ClusterStack}. */
export interface ClusterStackProps extends StackProps {
  /** The validated environment. */
  readonly config: ResolvedEnvironment;
}

/** Authentication mode of every cluster: access entries and aws-auth both work. */
export const AUTHENTICATION_MODE = 'API_AND_CONFIG_MAP';

/** The `AccessConfig` property EKS reads to make the cluster creator cluster admin. */
export const CREATOR_ADMIN_PROPERTY = 'BootstrapClusterCreatorAdminPermissions';

/**
 * Renders `bootstrapCreatorAdmin` so that a deployed cluster's template never changes.
 * The property is create-only, and CloudFormation compares templates, not effective values:
 * writing `true` into the template of a cluster deployed without it (absent, which EKS treats as
 * true) is a change of a create-only property, which CloudFormation may answer by REPLACING the
 * cluster. So `true` leaves the property absent (same template, same meaning), and only `false`,
 * which must be decided when the cluster is created, is written.
 */
export function renderCreatorAdmin(cfnCluster: eks.CfnCluster, bootstrapCreatorAdmin: boolean): void {
  if (!bootstrapCreatorAdmin) cfnCluster.addPropertyOverride(`AccessConfig.${CREATOR_ADMIN_PROPERTY}`, false);
}

/**
 * The VPC, the EKS cluster, its managed node groups and its IAM OIDC provider.
 *
 * Uses `aws-eks-v2`, which has no `AwsAuth` construct at all: nothing in CDK can overwrite
 * aws-auth here. The module hard-codes authentication mode `API`; we override it to
 * API_AND_CONFIG_MAP on the L1 so that aws-auth entries written by the merge resource work.
 * The creator's bootstrap admin and deletion protection come from config (see
 * `bootstrapCreatorAdmin` and `deletionProtection` in lib/config/types.ts).
 */
export class ClusterStack extends Stack {
  /** The validated environment the stack was built from. */
  readonly config: ResolvedEnvironment;
  /** The cluster. */
  readonly cluster: eks.Cluster;
  /** The node instance role of each managed node group, by node group name. */
  readonly nodeRoles: ReadonlyMap<string, iam.IRole>;
  /** The zones config declares (`availabilityZones`); unset, the stack looks them up. */
  private declaredZones?: readonly string[];

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    if (config.availabilityZones) this.declareZones(config.name, config.availabilityZones);

    const vpc = this.createVpc(config);
    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: config.clusterName,
      version: eks.KubernetesVersion.of(config.kubernetesVersion),
      vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      clusterLogging: [
        eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER, eks.ClusterLoggingTypes.SCHEDULER,
      ],
      endpointAccess: endpointAccess(config.endpoint),
    });
    admitOperatorNetworks(this.cluster, config.endpoint);
    if ('vpcId' in config.vpc) {
      // CDK cannot tag subnets of a VPC it does not own and warns once per subnet; the tags are
      // a documented requirement of an existing VPC (ExistingVpcConfig, README "Add an environment").
      Validations.of(this.cluster).acknowledge({
        id: 'Annotation::@aws-cdk/aws-eks:clusterMustManuallyTagSubnet',
        reason: 'An existing VPC keeps its owner\'s tags: its public subnets need kubernetes.io/role/elb=1 and its private subnets kubernetes.io/role/internal-elb=1, set by the VPC\'s owner',
      });
    }
    const cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    cfnCluster.addPropertyOverride('AccessConfig.AuthenticationMode', AUTHENTICATION_MODE);
    renderCreatorAdmin(cfnCluster, config.bootstrapCreatorAdmin);
    // Updatable in place (UpdateClusterConfig): setting it never replaces the cluster.
    cfnCluster.deletionProtection = config.deletionProtection;

    const nodeRoles = new Map<string, iam.IRole>();
    for (const ng of config.nodeGroups) {
      const nodeRole = new iam.Role(this, `NodeRole-${ng.name}`, {
        roleName: nodeRoleName(config, ng.name),
        assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
        managedPolicies: [
          iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSWorkerNodePolicy'),
          iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEC2ContainerRegistryReadOnly'),
        ],
        description: `Node role of node group ${ng.name} in ${config.clusterName}`,
      });
      this.cluster.addNodegroupCapacity(ng.name, {
        nodegroupName: ng.name,
        instanceTypes: ng.instanceTypes.map((t) => new ec2.InstanceType(t)),
        minSize: ng.minSize,
        maxSize: ng.maxSize,
        desiredSize: ng.desiredSize ?? ng.minSize,
        diskSize: ng.diskSize ?? 20,
        nodeRole,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      });
      acknowledgeNodeRole(nodeRole);
      nodeRoles.set(ng.name, nodeRole);
    }
    this.nodeRoles = nodeRoles;

    // Create the IAM OIDC provider here, with the cluster, rather than lazily from whichever
    // stack first asks for it.
    const oidc = this.cluster.openIdConnectProvider;

    new CfnOutput(this, 'OidcIssuerUrl', {
      value: this.cluster.clusterOpenIdConnectIssuerUrl,
      description: 'OIDC issuer URL of the cluster (IRSA trust policies use it)',
    });
    new CfnOutput(this, 'OidcProviderArn', { value: oidc.openIdConnectProviderArn });
    new CfnOutput(this, 'ClusterName', { value: this.cluster.clusterName });

    acknowledgeClusterFindings(this, this.cluster, config.endpoint);
  }

  /**
   * The declared zones when config names them, so that the new VPC (which takes the first
   * `maxAzs` of the stack's zones) needs no `availability-zones` context lookup; otherwise
   * CDK's lookup (cdk.context.json, or the CLI with credentials).
   */
  override get availabilityZones(): string[] {
    return this.declaredZones ? [...this.declaredZones] : super.availabilityZones;
  }

  /**
   * Uses the declared zones after checking them against the zones cdk.context.json recorded for
   * the account and region (the app's context, as the CLI passes it): a deployed VPC was built
   * from those, and another list or order would replace its subnets and node groups.
   */
  private declareZones(env: string, zones: readonly string[]): void {
    const { key } = ContextProvider.getKey(this, { provider: cxschema.ContextProvider.AVAILABILITY_ZONE_PROVIDER });
    const problems = committedZonesProblems(zones, key, this.node.tryGetContext(key));
    if (problems.length) {
      throw new ConfigValidationError(problems.map((p) => ({ env, ...p })), `${ENVIRONMENTS_SOURCE} against cdk.context.json`);
    }
    this.declaredZones = zones;
    // What CDK's own getter acknowledges for looked-up zones: the subnets name literal zones.
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W3010',
      reason: 'Literal AZs in the template are the environment\'s declared availabilityZones, the names the availability-zones lookup returns for the account',
    });
  }

  private createVpc(config: ResolvedEnvironment): ec2.IVpc {
    if ('vpcId' in config.vpc) {
      return ec2.Vpc.fromLookup(this, 'Vpc', { vpcId: config.vpc.vpcId });
    }
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(config.vpc.cidr),
      maxAzs: config.vpc.maxAzs ?? DEFAULT_MAX_AZS,
      natGateways: config.vpc.natGateways ?? 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogGroup', {
        retention: logs.RetentionDays.THREE_MONTHS,
      })),
    });
    return vpc;
  }
}
