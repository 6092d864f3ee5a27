import { Aspects, Stack, Stage } from 'aws-cdk-lib';
import type { IAspect, StageProps } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import type { ResolvedEnvironment } from '../config/validate';
import { AccessStack } from '../stacks/access-stack';
import { AlarmsStack } from '../stacks/alarms-stack';
import { ClusterStack } from '../stacks/cluster-stack';
import { WorkloadsStack } from '../stacks/workloads-stack';

/** Props of {@link EnvironmentStage}. */
export interface EnvironmentStageProps extends StageProps {
  /** The validated environment. */
  readonly config: ResolvedEnvironment;
}

/**
 * Turns on CloudFormation termination protection on every stack it visits. An aspect rather
 * than a stack prop, so stacks added to the stage later (`<env>/CiDiff`, from lib/app.ts) are
 * covered too.
 */
class TerminationProtection implements IAspect {
  visit(node: IConstruct): void {
    if (Stack.isStack(node)) node.terminationProtection = true;
  }
}

/**
 * One environment: `<env>/Cluster`, `<env>/Access` and `<env>/Workloads`. The same class is
 * used by `cdk deploy '<env>/*'` and by the pipeline, so both deploy the same thing. With
 * `terminationProtection` in its config, every stack of the stage is termination-protected.
 */
export class EnvironmentStage extends Stage {
  readonly cluster: ClusterStack;
  readonly access: AccessStack;
  readonly workloads: WorkloadsStack;
  /** `<env>/Alarms`, when the environment configures `alarms`. */
  readonly alarms?: AlarmsStack;

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
    if (config.alarms) {
      this.alarms = new AlarmsStack(this, 'Alarms', {
        alarms: config.alarms, cluster: this.cluster.cluster,
        awsAuthHandler: this.access.mappings.provider.handler,
        // Every stack of the stage so far; `<env>/CiDiff`, added later by lib/app.ts, has no function.
        functionStacks: this.node.children.filter((c): c is Stack => Stack.isStack(c)),
        description: description('alarms on access entries, cluster config, function changes and aws-auth writes'),
      });
      // The audit log group the metric filter reads is created by EKS with the cluster.
      this.alarms.addStackDependency(this.cluster, 'the cluster\'s audit log group exists');
    }
    if (config.terminationProtection === true) Aspects.of(this).add(new TerminationProtection());
  }
}
