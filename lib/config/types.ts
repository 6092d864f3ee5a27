/**
 * Typed configuration of one environment. Values are plain data (strings, numbers, arrays) so
 * that a config file can be reviewed in a pull request and validated once, at synth, by
 * `validateEnvironment` before any construct sees it.
 */

/** Pod Security Admission level applied to a namespace. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A new VPC created for the cluster. */
export interface NewVpcConfig {
  /** IPv4 CIDR of the VPC, for example `10.10.0.0/16`. */
  readonly cidr: string;
  /**
   * Availability zones to spread subnets over.
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * NAT gateways (one per AZ is the resilient choice; one saves money in dev).
   * @default 1
   */
  readonly natGateways?: number;
  /**
   * IPv4 CIDR blocks associated with the VPC besides `cidr` (outside this app, for example a
   * `100.64.0.0/16` for pod addresses). Egress allow rules exclude them like `cidr`, so a rule
   * to the internet never reaches into the VPC.
   * @default [] - the VPC has only `cidr`
   */
  readonly secondaryCidrs?: string[];
}

/**
 * An existing VPC, looked up by id. The app cannot tag subnets it does not own: tag the public
 * subnets `kubernetes.io/role/elb=1` and the private ones `kubernetes.io/role/internal-elb=1`
 * (load balancers use them), and give the lookup its context (one synth with credentials, then
 * commit cdk.context.json).
 */
export interface ExistingVpcConfig {
  /** The VPC id, `vpc-` followed by 8 or 17 hex digits. */
  readonly vpcId: string;
  /**
   * Every IPv4 CIDR block of the VPC, primary and secondary. Egress allow rules with `cidrs`
   * exclude them, so a rule to the internet never reaches into the VPC; the VPC lookup reports
   * the primary block only, so config states them all. Required when a namespace has an egress
   * allow rule with `cidrs`.
   * @default [] - allowed only while no egress allow rule has `cidrs`
   */
  readonly cidrs?: string[];
}

/** One EKS managed node group. */
export interface NodeGroupConfig {
  /** Name of the node group, DNS-1123 label. */
  readonly name: string;
  /** EC2 instance types, for example `['m6i.large']`. */
  readonly instanceTypes: string[];
  /** Minimum number of nodes. */
  readonly minSize: number;
  /** Maximum number of nodes. */
  readonly maxSize: number;
  /**
   * Desired number of nodes at creation.
   * @default - minSize
   */
  readonly desiredSize?: number;
  /**
   * Root volume size in GiB.
   * @default 20
   */
  readonly diskSize?: number;
}

/**
 * A person-facing IAM role created by the app and mapped to a Kubernetes user and groups
 * (the `role_to_user_map` idea: `external_developer -> developer`).
 */
export interface PeopleRoleConfig {
  /** IAM role name to create, for example `external_developer`. */
  readonly roleName: string;
  /** Kubernetes username the role maps to. */
  readonly username: string;
  /** Kubernetes groups the role maps to (see `lib/k8s/groups.ts`). */
  readonly groups: string[];
  /**
   * IAM principals (account ids or IAM role/user ARNs) allowed to assume the role. A role whose
   * `groups` include `system:masters` must list explicit IAM role or user ARNs here: an account
   * id (a whole account root) and the default are refused for cluster admin.
   * @default - the environment account's root, i.e. any principal of that account that IAM allows to assume it (not allowed for a cluster-admin role)
   */
  readonly trustedPrincipals?: string[];
  /**
   * Maximum session duration in hours (1 to 12).
   * @default 1
   */
  readonly maxSessionHours?: number;
  /**
   * A break-glass cluster-admin role: its trust policy also requires MFA
   * (`Bool aws:MultiFactorAuthPresent: true`). Only an IAM user that calls `sts:AssumeRole` with
   * its MFA device (`--serial-number` and `--token-code`) presents MFA; a role session (IAM
   * Identity Center included) never does, so `trustedPrincipals` of a break-glass role must be
   * IAM user ARNs, and its `groups` must include `system:masters`. It is an admin path for when
   * the daily admin path (for example an Identity Center role) is unavailable.
   * @default false
   */
  readonly breakGlass?: boolean;
  /**
   * Lets the role see this cluster's nodes and workloads in the EKS console: inline statements
   * for `eks:DescribeCluster`, `eks:ListNodegroups`, `eks:ListFargateProfiles`, `eks:ListUpdates`
   * and `eks:AccessKubernetesApi` on this cluster, `eks:DescribeNodegroup` and `eks:ListUpdates`
   * on its node groups, and `eks:ListClusters` (which IAM grants only on `*`). What the console
   * then shows inside the cluster is still the role's Kubernetes RBAC (`groups`). The walkthrough
   * this app grew from creates a customer-managed policy named
   * AmazonEKSViewNodesAndWorkloadsPolicy for this; it is not an AWS-managed policy.
   * @default false
   */
  readonly consoleAccess?: boolean;
}

/** An IAM role that exists already (created elsewhere), mapped by ARN. */
export interface ExistingRoleMappingConfig {
  /** Role ARN; an IAM path is allowed and is stripped for aws-auth. */
  readonly arn: string;
  /** Kubernetes username (templates such as `{{SessionName}}` are allowed). */
  readonly username: string;
  /** Kubernetes groups. */
  readonly groups: string[];
  /**
   * This role is a node instance role: it may use `system:bootstrappers` and `system:nodes`.
   * @default false
   */
  readonly nodeRole?: boolean;
}

/** An IAM user mapped by ARN (aws-auth `mapUsers`). */
export interface UserMappingConfig {
  /** User ARN, `arn:<partition>:iam::<account>:user/<name>`. */
  readonly arn: string;
  /** Kubernetes username. */
  readonly username: string;
  /** Kubernetes groups. */
  readonly groups: string[];
}

/** Resource quota of a namespace. */
export interface QuotaConfig {
  /** Total CPU requests, for example `'4'`. */
  readonly requestsCpu: string;
  /** Total memory requests, for example `'8Gi'`. */
  readonly requestsMemory: string;
  /** Total CPU limits. */
  readonly limitsCpu: string;
  /** Total memory limits. */
  readonly limitsMemory: string;
  /** Maximum number of pods. */
  readonly pods: number;
}

/** Default container requests and limits (LimitRange). */
export interface ContainerDefaultsConfig {
  /** Default CPU request, for example `'100m'`. */
  readonly requestCpu: string;
  /** Default memory request, for example `'128Mi'`. */
  readonly requestMemory: string;
  /** Default CPU limit. */
  readonly limitCpu: string;
  /** Default memory limit. */
  readonly limitMemory: string;
}

/** An extra allow rule added on top of the namespace's default-deny policy. */
export interface NetworkAllowConfig {
  /** Rule name, DNS-1123 label; becomes part of the NetworkPolicy name. */
  readonly name: string;
  /** `ingress` admits traffic from the peers; `egress` lets pods reach them. */
  readonly direction: 'ingress' | 'egress';
  /**
   * Peer namespaces (by `kubernetes.io/metadata.name`).
   * @default - none
   */
  readonly namespaces?: string[];
  /**
   * Peer CIDR blocks.
   * @default - none
   */
  readonly cidrs?: string[];
  /**
   * TCP ports; empty means all ports.
   * @default - all ports
   */
  readonly tcpPorts?: number[];
  /**
   * Egress only: blocks inside the VPC this rule may still reach on its `tcpPorts` (required),
   * although its `cidrs` exclude the VPC: the interface VPC endpoints' addresses (their ENI IPs
   * as `/32`s, or dedicated endpoint subnets), so pods can use PrivateLink endpoints such as STS
   * or ECR. Each must lie inside one of the VPC's CIDRs, and the rule must have a `cidrs` entry
   * that contains a VPC CIDR (the exclusion these are exceptions to).
   * @default [] - nothing inside the VPC is reachable through this rule
   */
  readonly vpcEndpointCidrs?: string[];
}

/** A workload namespace and its baseline. */
export interface NamespaceConfig {
  /** Namespace name, DNS-1123 label. */
  readonly name: string;
  /**
   * Pod Security Admission level (enforce, audit and warn).
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Resource quota. */
  readonly quota: QuotaConfig;
  /** Default container requests and limits. */
  readonly containerDefaults: ContainerDefaultsConfig;
  /**
   * Extra allow rules beyond default-deny and DNS egress to kube-system.
   * @default []
   */
  readonly allow?: NetworkAllowConfig[];
  /**
   * Bind the `developer` group's read-only Role in this namespace.
   * @default true
   */
  readonly developerAccess?: boolean;
  /**
   * Let the app delete this namespace, and with it everything in it (workloads, secrets and
   * volumes the app did not create included), when it is removed from config or its stack is
   * deleted. Without it the namespace is released instead: the app's own objects in it (quota,
   * limit range, network policies, RBAC) are deleted, its ownership labels are dropped, and the
   * namespace with everything else in it stays (delete it with `kubectl delete namespace`).
   * @default false
   */
  readonly allowDeletion?: boolean;
}

/** An inline IAM policy statement for an IRSA role. */
export interface PolicyStatementConfig {
  /** Actions, for example `['s3:PutObject']`. */
  readonly actions: string[];
  /** Resource ARNs. */
  readonly resources: string[];
}

/** A Kubernetes service account with an IAM role (IRSA). Exactly one of the three sources of permissions. */
export interface ServiceAccountConfig {
  /** Namespace, DNS-1123 label. */
  readonly namespace: string;
  /** Service account name, DNS-1123 subdomain. */
  readonly name: string;
  /**
   * Inline policy statements.
   * @default - none
   */
  readonly policyStatements?: PolicyStatementConfig[];
  /**
   * AWS managed policy names, for example `AmazonEKS_CNI_Policy`.
   * @default - none
   */
  readonly managedPolicyNames?: string[];
  /**
   * Existing IAM role ARN for organisations that own their IAM (its trust policy is theirs).
   * @default - a role is created
   */
  readonly roleArn?: string;
}

/**
 * Where the environment's alarms on power changes go (lib/constructs/power-change-alarms.ts):
 * EventBridge rules on CloudTrail for access entries, access policies and cluster
 * configuration of the cluster and for code, configuration and permission changes of the app's
 * functions, and an alarm on aws-auth writes by anyone but the merge handler (audit log).
 */
export interface AlarmsConfig {
  /**
   * ARN of a standard SNS topic in the environment's partition, region and account, for example
   * `arn:aws:sns:eu-west-1:111122223333:eks-access-alarms`. The app does not change the
   * topic's policy: it must allow `sns:Publish` to `events.amazonaws.com` and
   * `cloudwatch.amazonaws.com` (and, for an encrypted topic, the key must allow them too).
   */
  readonly topicArn: string;
}

/**
 * The cluster's API endpoint reachable from the internet, but only from `publicCidrs`; the
 * private endpoint is on as well, so nodes and the app's functions (which run in the VPC) use it.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
 */
export interface PublicAndPrivateEndpointConfig {
  readonly access: 'public-and-private';
  /**
   * IPv4 CIDR blocks allowed to reach the public endpoint: the egress addresses of the people
   * who run kubectl (office, VPN) and of the pipeline's verify step (`verifyStepCidrs` of
   * lib/config/pipeline.ts). At least one; `0.0.0.0/0` (or any `/0`) is refused.
   */
  readonly publicCidrs: string[];
  /**
   * IPv4 CIDR blocks of networks connected to the VPC (VPN, Direct Connect, peered VPCs, a
   * bastion subnet) from which people reach the private endpoint: the cluster security group
   * admits each on TCP 443.
   * @default [] - only the app's own functions and the nodes use the private endpoint
   */
  readonly operatorCidrs?: string[];
}

/**
 * The cluster's API endpoint reachable only from inside the VPC (and networks connected to it).
 * The app's functions run in the VPC; people come through `operatorCidrs`. The pipeline's
 * verify step runs in CodeBuild outside the VPC, so a pipelined environment cannot be private.
 */
export interface PrivateEndpointConfig {
  readonly access: 'private';
  /**
   * IPv4 CIDR blocks of networks connected to the VPC (VPN, Direct Connect, peered VPCs, a
   * bastion subnet) from which people run kubectl; the cluster security group admits each on
   * TCP 443. At least one, or nobody outside the app's functions can reach the API.
   */
  readonly operatorCidrs: string[];
}

/** Who can reach the cluster's Kubernetes API endpoint. */
export type EndpointConfig = PublicAndPrivateEndpointConfig | PrivateEndpointConfig;

/**
 * Where people's access is declared to EKS: `aws-auth`, the kube-system/aws-auth ConfigMap
 * (through the merge resource); `both`, that and an EKS access entry per principal.
 */
export type AccessBackend = 'aws-auth' | 'both';

/** Everything that defines one environment. */
export interface EnvironmentConfig {
  /** Environment name, DNS-1123 label; prefixes stack names (`dev/...`). */
  readonly name: string;
  /** 12-digit AWS account id. */
  readonly account: string;
  /** AWS region, for example `eu-west-1`. */
  readonly region: string;
  /**
   * The availability zone names of the account in `region`, in the order AWS lists them
   * (`aws ec2 describe-availability-zones --region <region> --query
   * "AvailabilityZones[?State=='available'].ZoneName"`), for example
   * `['eu-west-1a', 'eu-west-1b', 'eu-west-1c']`. Zone names, not zone ids (`euw1-az1`): names
   * map to different physical zones in different accounts, which is why CDK looks them up per
   * account. When set, synth needs neither AWS credentials nor a cdk.context.json entry for the
   * zones: the new VPC spreads its subnets over the first `vpc.maxAzs` of them, so list at least
   * that many.
   *
   * For an environment already deployed, the list must equal cdk.context.json's
   * `availability-zones:account=<account>:region=<region>` entry, in order (synth checks it):
   * another list or order moves the subnets, which replaces them and the node groups in them.
   *
   * Not for an existing VPC (`vpc.vpcId`): its subnets and zones come from the VPC lookup, which
   * still needs a cdk.context.json entry (`vpc-provider:...`) written by one synth with
   * credentials.
   * @default - looked up by the CDK CLI with credentials for the account, then cached in cdk.context.json
   */
  readonly availabilityZones?: string[];
  /** Kubernetes minor version, for example `'1.35'`; see `SUPPORTED_KUBERNETES_VERSIONS`. */
  readonly kubernetesVersion: string;
  /**
   * EKS cluster name.
   * @default `eks-access-${name}`
   */
  readonly clusterName?: string;
  /** A new VPC or an existing one. */
  readonly vpc: NewVpcConfig | ExistingVpcConfig;
  /**
   * Who can reach the cluster's API endpoint: public from an allow-list, or private only. The
   * ResourcesVpcConfig endpoint properties are updatable in place: changing this never replaces
   * the cluster. Required, so the public endpoint never accepts the whole internet by default;
   * validation refuses a mode that locks out one of the API's callers (lib/config/api-callers.ts).
   */
  readonly endpoint: EndpointConfig;
  /** Managed node groups (at least one). */
  readonly nodeGroups: NodeGroupConfig[];
  /**
   * The cluster's `AccessConfig.BootstrapClusterCreatorAdminPermissions`: whether EKS gives the
   * principal that creates the cluster (the CloudFormation execution role,
   * `cdk-hnb659fds-cfn-exec-role-ACCOUNT-REGION`) a cluster-admin access entry
   * (AmazonEKSClusterAdminPolicy) that no config declares. CREATE-ONLY in CloudFormation:
   * changing it on a deployed cluster REPLACES the cluster (a new, empty cluster; the old one
   * and everything on it is deleted). Required, so the app never decides it implicitly:
   * - `false` for a new environment: nobody holds undeclared cluster admin;
   * - `true` for a cluster that was deployed without the setting (CloudFormation's default is
   *   true); to drop the creator's admin there, delete its access entry
   *   (`aws eks delete-access-entry`) after another admin path works, never by setting `false`.
   */
  readonly bootstrapCreatorAdmin: boolean;
  /**
   * The cluster's `DeletionProtection`: EKS refuses to delete the cluster while it is on (a
   * stack deletion or a replacement fails instead of deleting it). Updatable in place, so
   * turning it on or off never replaces the cluster.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * CloudFormation termination protection on every stack of the environment (`<env>/Cluster`,
   * `<env>/Access`, `<env>/Workloads`, `<env>/CiDiff`): `cdk destroy` and a stack deletion fail
   * until it is turned off (`aws cloudformation update-termination-protection
   * --no-enable-termination-protection --stack-name <stack>`). A stack setting, not a template
   * change: turning it on or off replaces nothing.
   * @default false
   */
  readonly terminationProtection?: boolean;
  /**
   * Records that eks-access 0.2 has been deployed to this environment: its own resources
   * (`Custom::EksAccessManifests`) adopted every object CDK's kubectl provider wrote, and the
   * kubectl resources were retained (DeletionPolicy Retain). Required, and must be `true`: 0.3
   * removes those resources, which deletes nothing only because 0.2 retained them; removed
   * before that, they would run `kubectl delete` on the namespaces, RBAC and service accounts
   * they wrote. For an environment never deployed with a release before 0.2, set it right
   * away (README "Upgrading to 0.2 and 0.3").
   */
  readonly kubectlObjectsAdopted: boolean;
  /**
   * Enforce the namespaces' NetworkPolicies (default-deny plus the `allow` rules): the managed
   * `vpc-cni` add-on runs with `enableNetworkPolicy: "true"` (its network policy agent and the
   * EKS network policy controller). Without it the policies exist but nothing enforces them.
   * Turning it on starts dropping traffic that no allow rule admits (load balancers, admission
   * webhooks called by the control plane, the Pod Identity agent at 169.254.170.23:80, IMDS):
   * see the README's "Network policies" before turning it on. Requires the service account
   * `kube-system/aws-node` under `serviceAccounts` (the add-on's IRSA role).
   * `eks-access verify` fails while the cluster does not enforce.
   * @default false - the add-on is managed (when `kube-system/aws-node` is declared) without enforcement
   */
  readonly networkPolicyEnforcement?: boolean;
  /**
   * Allow mappings to `system:masters` in this environment. Off unless set: synth fails on
   * any cluster-admin mapping otherwise.
   * @default false
   */
  readonly allowClusterAdmin?: boolean;
  /**
   * Where `people`, `existingRoles` and `users` are declared to EKS. `aws-auth`: in the
   * kube-system/aws-auth ConfigMap, through the merge resource. `both`: there, and in one EKS
   * access entry per principal (type STANDARD, the role's full ARN with its path, the same
   * username and groups; `system:masters` becomes the `AmazonEKSClusterAdminPolicy` access policy
   * at cluster scope, still only with `allowClusterAdmin`), the first step of the move off
   * aws-auth (README "People through access entries"). In API_AND_CONFIG_MAP an access entry wins
   * over the aws-auth entry of its principal, so synth refuses a mapping an access entry cannot
   * carry (a `system:` group other than masters, a username EKS refuses). Node roles are never
   * rendered as access entries: EKS made their EC2_LINUX entries.
   * @default 'aws-auth'
   */
  readonly accessBackend?: AccessBackend;
  /** People roles to create and map. */
  readonly people: PeopleRoleConfig[];
  /**
   * Existing IAM roles to map.
   * @default []
   */
  readonly existingRoles?: ExistingRoleMappingConfig[];
  /**
   * IAM users to map (aws-auth `mapUsers`).
   * @default []
   */
  readonly users?: UserMappingConfig[];
  /** Workload namespaces and their baseline. */
  readonly namespaces: NamespaceConfig[];
  /** IRSA service accounts. */
  readonly serviceAccounts: ServiceAccountConfig[];
  /**
   * IAM role ARNs (any account) allowed to assume this environment's verifier role, which
   * `eks-access verify` uses: eks:DescribeCluster on this cluster, and in Kubernetes only
   * `get` on aws-auth and `create` on SubjectAccessReviews. The pipeline adds its verify step.
   * @default [] - no verifier role
   */
  readonly verifierTrustedRoleArns?: string[];
  /**
   * Alarms on power changes, notifying an SNS topic: adds the `<env>/Alarms` stack.
   * @default - no alarms and no `<env>/Alarms` stack
   */
  readonly alarms?: AlarmsConfig;
}
