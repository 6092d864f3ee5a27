import { CustomResource, Lazy, Token } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AWS_AUTH_RESOURCE_TYPE, AwsAuthProps } from '../../../lambda/aws-auth/api';
import type { RoleMapping, UserMapping } from '../../../lambda/aws-auth/api';
import { ArnError, isAccountId, parsePrincipalArn, roleKey } from '../../../lambda/aws-auth/core/arn';
import { OWNER_ID_RE } from '../../../lambda/aws-auth/core/owners';
import { reservedIdentities } from '../../../lambda/aws-auth/core/reserved';
import { AwsAuthProvider } from './aws-auth-provider';

/** The Kubernetes identity a principal maps to. */
export interface MappingOptions {
  /** Kubernetes username (templates such as `{{SessionName}}` allowed). */
  readonly username: string;
  /** Kubernetes groups. */
  readonly groups: string[];
}

/** What a caller passes to `new AwsAuthMappings(...)` besides the cluster. */
export interface AwsAuthMappingsOptions {
  /**
   * Allow mappings to `system:masters`. Without it such a mapping fails at synth and in the
   * handler. Fixed at synth in the handler function's own configuration: the function lists
   * this owner as allowed (`EKS_ACCESS_CLUSTER_ADMIN_OWNERS`), and refuses the request from any
   * owner it does not list.
   * @default false
   */
  readonly allowClusterAdmin?: boolean;
  /**
   * Take over unowned aws-auth entries for the same principal that map differently (hand
   * edits, eksctl). Identical unowned entries are always adopted; node-role entries are never
   * taken over. Fixed at synth like `allowClusterAdmin` (`EKS_ACCESS_TAKE_OVER_OWNERS`).
   * @default false
   */
  readonly takeOverUnowned?: boolean;
  /**
   * Check at deploy time that every mapped role and user exists (IAM GetRole/GetUser), so a
   * typo fails the deploy instead of silently granting nothing.
   * @default true
   */
  readonly validatePrincipals?: boolean;
  /**
   * Owner id recorded in aws-auth. Must be unique per cluster and stable: entries are owned by it.
   * @default - the construct path, for example `dev/Access/Mappings`
   */
  readonly owner?: string;
  /**
   * An existing role that can already edit aws-auth, assumed by the handler. Needed for
   * CONFIG_MAP-only clusters, which have no access entries.
   * @default - the handler gets its own access entry and a kube-system Role
   */
  readonly assumeRole?: iam.IRole;
}

/** Props of {@link AwsAuthMappings}. */
export interface AwsAuthMappingsProps extends AwsAuthMappingsOptions {
  /** The cluster (of this app or imported with `eks.Cluster.fromClusterAttributes`). */
  readonly cluster: eks.ICluster;
}

/**
 * Role, user and account mappings merged into `kube-system/aws-auth` by a Lambda-backed
 * custom resource, idempotently and without touching entries this construct does not own.
 * Several instances, in any stacks, can share one cluster's aws-auth.
 *
 * Not CDK's `AwsAuth`, which re-renders the whole ConfigMap and drops everything it did not write.
 */
export class AwsAuthMappings extends Construct {
  /** The merge resource. */
  readonly resource: CustomResource;
  private readonly roles: RoleMapping[] = [];
  private readonly users: UserMapping[] = [];
  private readonly accounts: string[] = [];
  private readonly keys = new Map<string, string>();
  /** The provider whose handler writes these mappings (its function and role identify the writer). */
  readonly provider: AwsAuthProvider;
  private readonly props: AwsAuthMappingsProps;

  constructor(scope: Construct, id: string, props: AwsAuthMappingsProps) {
    super(scope, id);
    this.props = props;
    this.provider = AwsAuthProvider.getOrCreate(this, { cluster: props.cluster, assumeRole: props.assumeRole });
    const owner = props.owner ?? this.node.path;
    if (!Token.isUnresolved(owner) && !OWNER_ID_RE.test(owner)) {
      throw new Error(`AwsAuthMappings ${this.node.path}: owner "${owner}" must start with a letter or digit and use at most 256 letters, digits and ._/:@-`);
    }
    this.provider.allowSwitches(owner, { allowClusterAdmin: props.allowClusterAdmin, takeOverUnowned: props.takeOverUnowned });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: AWS_AUTH_RESOURCE_TYPE,
      properties: {
        [AwsAuthProps.clusterName]: props.cluster.clusterName,
        [AwsAuthProps.owner]: owner,
        [AwsAuthProps.mapRoles]: Lazy.any({ produce: () => this.roles }, { omitEmptyArray: false }),
        [AwsAuthProps.mapUsers]: Lazy.any({ produce: () => this.users }, { omitEmptyArray: false }),
        [AwsAuthProps.mapAccounts]: Lazy.any({ produce: () => this.accounts }, { omitEmptyArray: false }),
        [AwsAuthProps.allowClusterAdmin]: String(props.allowClusterAdmin ?? false),
        [AwsAuthProps.takeOverUnowned]: String(props.takeOverUnowned ?? false),
        [AwsAuthProps.validatePrincipals]: String(props.validatePrincipals ?? true),
        ...(props.assumeRole ? { [AwsAuthProps.assumeRoleArn]: props.assumeRole.roleArn } : {}),
      },
    });
    for (const dep of this.provider.accessDependencies) this.resource.node.addDependency(dep);
  }

  /**
   * Maps an IAM role (its path is stripped in aws-auth, as the authenticator requires).
   * @throws if the username or a group is a reserved Kubernetes identity (`system:`, `eks:`,
   *   `aws:`, `amazon:`, `iam:`) other than a node shape or `system:masters` with allowClusterAdmin.
   */
  addRoleMapping(role: iam.IRole, mapping: MappingOptions): void {
    this.checkMapping(role.roleArn, mapping, 'role');
    const arn = role.roleArn;
    if (!Token.isUnresolved(arn)) this.checkArn(arn, 'role');
    this.remember(Token.isUnresolved(arn) ? `role:${role.node.path}` : roleKey(arn), arn, mapping);
    this.roles.push({ rolearn: arn, username: mapping.username, groups: [...mapping.groups] });
    if (this.props.validatePrincipals ?? true) this.provider.allowValidation(arn);
  }

  /**
   * Maps an IAM user (aws-auth `mapUsers`).
   * @throws if the username or a group is a reserved Kubernetes identity (node shapes are for roles only).
   */
  addUserMapping(user: iam.IUser, mapping: MappingOptions): void {
    this.checkMapping(user.userArn, mapping, 'user');
    const arn = user.userArn;
    if (!Token.isUnresolved(arn)) this.checkArn(arn, 'user');
    this.remember(Token.isUnresolved(arn) ? `user:${user.node.path}` : `user:${arn}`, arn, mapping);
    this.users.push({ userarn: arn, username: mapping.username, groups: [...mapping.groups] });
    if (this.props.validatePrincipals ?? true) this.provider.allowValidation(arn);
  }

  /** Adds an account id to `mapAccounts` (every IAM principal of that account maps to its own ARN). */
  addAccount(accountId: string): void {
    if (!Token.isUnresolved(accountId) && !isAccountId(accountId)) {
      throw new Error(`AwsAuthMappings ${this.node.path}: account "${accountId}" is not a 12-digit AWS account id`);
    }
    if (!this.accounts.includes(accountId)) this.accounts.push(accountId);
  }

  private checkArn(arn: string, kind: 'role' | 'user'): void {
    try {
      parsePrincipalArn(arn, kind);
    } catch (e) {
      if (e instanceof ArnError) throw new Error(`AwsAuthMappings ${this.node.path}: ${e.message}`);
      throw e;
    }
  }

  private checkMapping(arn: string, m: MappingOptions, kind: 'role' | 'user'): void {
    const where = `AwsAuthMappings ${this.node.path}: mapping of ${Token.isUnresolved(arn) ? 'a role/user' : arn}`;
    if (typeof m.username !== 'string' || m.username.trim() === '') {
      throw new Error(`${where} has an empty username; give the Kubernetes username it maps to`);
    }
    m.groups.forEach((g) => {
      if (typeof g !== 'string' || g.trim() === '') throw new Error(`${where} has an empty group name`);
    });
    // Unresolved tokens are left out (their values are judged by the handler on entry).
    const literal = (v: string): string | undefined => (Token.isUnresolved(v) ? undefined : v);
    const found = reservedIdentities(kind, { username: literal(m.username), groups: m.groups.map(literal) }, { allowClusterAdmin: this.props.allowClusterAdmin ?? false })
      .map((r) => `${r.field} = ${JSON.stringify(r.value)} ${r.reason}`);
    if (found.length > 0) throw new Error(`${where}: ${found.join('; ')}`);
  }

  private remember(key: string, arn: string, m: MappingOptions): void {
    const rendered = `${m.username} [${[...m.groups].sort().join(',')}]`;
    const prev = this.keys.get(key);
    if (prev !== undefined && prev !== rendered) {
      throw new Error(`AwsAuthMappings ${this.node.path}: ${Token.isUnresolved(arn) ? key : arn} is mapped twice, as ${prev} and as ${rendered}; map each principal once`);
    }
    this.keys.set(key, rendered);
  }
}
