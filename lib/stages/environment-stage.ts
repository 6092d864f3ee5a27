import { Stage } from 'aws-cdk-lib';
import type { StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../config/validate';
import { AccessStack } from '../stacks/access-stack';
import { ClusterStack } from '../stacks/cluster-stack';
import { WorkloadsStack } from '../stacks/workloads-stack';

/** Props of {@link EnvironmentStage}. */
export interface EnvironmentStageProps extends StageProps {
  /** The validated environment. */
  readonly config: ResolvedEnvironment;
}

/**
 * One environment: `<env>/Cluster`, `<env>/Access` and `<env>/Workloads`. The same class is
 * used by `cdk deploy '<env>/*'` and by the pipeline, so both deploy the same thing.
 */
export class EnvironmentStage extends Stage {
  readonly cluster: ClusterStack;
  readonly access: AccessStack;
  readonly workloads: WorkloadsStack;

  constructor(scope: Construct, id: string, props: EnvironmentStageProps) {
    super(scope, id, { ...props, env: { account: props.config.account, region: props.config.region } });
    const { config } = props;
    const description = (what: string) => `eks-access ${config.name}: ${what}`;
    this.cluster = new ClusterStack(this, 'Cluster', { config, description: description('VPC, EKS cluster, node groups, OIDC provider') });
    this.access = new AccessStack(this, 'Access', {
      config, cluster: this.cluster.cluster, nodeRoles: this.cluster.nodeRoles,
      description: description("people's IAM roles, aws-auth mappings, reader RBAC"),
    });
    this.workloads = new WorkloadsStack(this, 'Workloads', {
      config, cluster: this.cluster.cluster,
      description: description('namespace baseline, developer RBAC, IRSA'),
    });
  }
}
