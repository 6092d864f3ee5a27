import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { VERIFY_RUNNER_CONFIG_ENV, encodeRunnerEnvironment } from '../cli/verify-runner';
import { verifyRunnerName } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { Groups } from '../k8s/groups';
import { acknowledgeVerifyRunnerRole } from '../nag/cluster';
import { API_PORT, admitToApi } from '../stacks/endpoint-access';
import { clusterNetwork } from './aws-auth/aws-auth-provider';
import { PROJECT_ROOT, handlerFunctionProps } from './handler-function';

/** Where the runner's entry lives (bundled by esbuild at synth, no Docker). */
const RUNNER_ENTRY = path.join(PROJECT_ROOT, 'lambda', 'verify-runner', 'index.ts');

/** The AWS managed policy that lets Lambda manage a VPC function's network interfaces (and write its logs). */
export const VPC_ACCESS_POLICY = 'service-role/AWSLambdaVPCAccessExecutionRole';

/** Lambda's limit on all environment variables of a function together, in bytes. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;

/** Props of {@link VerifyRunner}. */
export interface VerifyRunnerProps {
  /** The validated environment whose cluster the runner verifies; its resolved config is written into the function at synth. */
  readonly config: ResolvedEnvironment;
  /** The environment's cluster; its VPC and cluster security group must be known (always for an `eks.Cluster`). */
  readonly cluster: eks.ICluster;
}

/**
 * `eks-access verify` of one environment, run where its private endpoint is reachable: a
 * function in the cluster VPC's private subnets (lambda/verify-runner) with its own security
 * group, admitted on 443 by the cluster security group. Its execution role (named
 * {@link verifyRunnerName}, mapped by the caller to the verifier group) may only
 * eks:DescribeCluster on this cluster, plus the VPC-access managed policy. The function returns
 * the report and pass/fail; the pipeline's verify step of a private environment invokes it.
 */
export class VerifyRunner extends Construct {
  /** The function. */
  readonly function: lambda.Function;
  /** Its execution role (map it with {@link Groups.verifier}). */
  readonly role: iam.Role;
  /** Its security group: egress TCP 443 only. */
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: VerifyRunnerProps) {
    super(scope, id);
    const { config, cluster } = props;
    const network = clusterNetwork(cluster);
    if (!network) {
      throw new Error(`VerifyRunner: the VPC and cluster security group of cluster ${cluster.node.path} are unknown; give fromClusterAttributes vpc and clusterSecurityGroupId, since the runner of environment "${config.name}" must run in the VPC to reach its private endpoint`);
    }
    const name = verifyRunnerName(config);
    this.role = new iam.Role(this, 'Role', {
      roleName: name,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `eks-access verify runner of ${config.clusterName}: eks:DescribeCluster; Kubernetes group ${Groups.verifier}`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(VPC_ACCESS_POLICY)],
      inlinePolicies: {
        DescribeCluster: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [cluster.clusterArn] })],
        }),
      },
    });
    acknowledgeVerifyRunnerRole(this.role, VPC_ACCESS_POLICY, config.clusterName);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: network.vpc,
      allowAllOutbound: false,
      description: `eks-access verify runner of ${config.clusterName}: HTTPS to the private API endpoint and EKS`,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(API_PORT), 'HTTPS: the private API endpoint and EKS (DescribeCluster)');
    admitToApi(this, 'ClusterApiIngress', network.clusterSecurityGroupId, this.securityGroup, `eks-access verify runner (${this.node.path}) to the Kubernetes API`);

    const environment = encodeRunnerEnvironment(config);
    this.function = new lambda.Function(this, 'Function', {
      functionName: name,
      ...handlerFunctionProps(RUNNER_ENTRY, { [VERIFY_RUNNER_CONFIG_ENV]: environment }),
      timeout: Duration.minutes(3),
      role: this.role,
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS }),
      description: `eks-access verify of environment ${config.name} (${config.clusterName}) from inside its VPC`,
      vpc: network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
    });
    this.node.addValidation({
      validate: () => Buffer.byteLength(environment) > LAMBDA_ENVIRONMENT_LIMIT - 64
        ? [`the verify runner of environment "${config.name}" would carry ${Buffer.byteLength(environment)} bytes of encoded resolved config in ${VERIFY_RUNNER_CONFIG_ENV}, over Lambda's ${LAMBDA_ENVIRONMENT_LIMIT}-byte environment limit; shorten the environment's config (fewer or shorter trusted principals, namespaces, people)`]
        : [],
    });
  }
}
