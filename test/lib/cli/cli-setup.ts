/**
 * The `plan` / `verify` commands end to end: the real CLI (`runCli`) with real SDK clients and a
 * real EKS token, against the handler harness's stand-ins, with aws-auth written by the real
 * handler and access reviews answered by an RBAC evaluator holding the RBAC `lib/k8s` builds.
 *
 * Who is who: the handler writes aws-auth as the `handler` identity, bound (as the app binds it)
 * to the writer Role; the CLI runs as the `deployer` identity with only what `plan` and `verify`
 * need: read aws-auth and create SubjectAccessReviews.
 */
import { parse, stringify } from 'yaml';
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP } from '../../../lambda/aws-auth/api';
import { createAwsEdge } from '../../../lambda/edge/aws';
import { COMMAND_PERMISSIONS, COMMANDS } from '../../../lib/cli/permissions';
import type { KubernetesPermission } from '../../../lib/cli/permissions';
import { runCli } from '../../../lib/cli/run';
import type { CliDeps } from '../../../lib/cli/run';
import { desiredMappings, peopleOwner } from '../../../lib/config/mappings';
import type { EnvironmentConfig } from '../../../lib/config/types';
import type { ResolvedEnvironment } from '../../../lib/config/validate';
import { validateEnvironment } from '../../../lib/config/validate';
import { DEFAULT_KUBERNETES_VERSION } from '../../../lib/config/versions';
import { Groups } from '../../../lib/k8s/groups';
import { appRbac } from '../../../lib/sandbox/seed';
import type { Harness } from '../../support/handler-harness';
import { HARNESS_ACCOUNT, startHarness } from '../../support/handler-harness';
import { TEST_IDENTITIES } from '../../support/identities';
import type { RbacObject } from '../../support/rbac-authorizer';
import { RbacEvaluator, rbacAuthorizer } from '../../support/rbac-authorizer';

export const CLUSTER = 'eks-access-test';
export const REGION = 'eu-west-1';
export const ACCOUNT = HARNESS_ACCOUNT;
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Group of the person running the CLI, and what it is bound to. */
export const OPERATOR_GROUP = 'eks-access:operator';
/** The environment's verifier role (lib/config/mappings.ts verifierRoleName) and its CLI session. */
export const VERIFIER_ROLE = role(`${CLUSTER}-verifier`);
export const VERIFIER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/${CLUSTER}-verifier/eks-access-cli`;

const QUOTA = { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 50 };
const DEFAULTS = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi' };

/** A small environment on the harness cluster: admin, developer and reader roles, a reader user, two developer namespaces and one without. */
export function testEnvironment(overrides: Partial<EnvironmentConfig> = {}): EnvironmentConfig {
  return {
    name: 'test',
    account: ACCOUNT,
    region: REGION,
    clusterName: CLUSTER,
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    bootstrapCreatorAdmin: false,
    kubectlObjectsAdopted: true,
    vpc: { cidr: '10.10.0.0/16' },
    endpoint: { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] },
    nodeGroups: [{ name: 'general', instanceTypes: ['t3.large'], minSize: 1, maxSize: 2 }],
    allowClusterAdmin: true,
    people: [
      { roleName: 'external_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [role('platform-admin')] },
      { roleName: 'external_developer', username: 'developer', groups: [Groups.developer] },
      { roleName: 'external_reader', username: 'reader', groups: [Groups.reader] },
    ],
    users: [{ arn: `arn:aws:iam::${ACCOUNT}:user/ci-bot`, username: 'ci-bot', groups: [Groups.reader] }],
    namespaces: [
      { name: 'payments', quota: QUOTA, containerDefaults: DEFAULTS },
      { name: 'web', quota: QUOTA, containerDefaults: DEFAULTS },
      { name: 'platform', quota: QUOTA, containerDefaults: DEFAULTS, developerAccess: false },
    ],
    serviceAccounts: [],
    ...overrides,
  };
}

/** Name of the operator's Role or ClusterRole (and its binding) for one listed permission. */
export function operatorRbacName(p: KubernetesPermission): string {
  return `operator-${p.verb}-${p.resource}${p.resourceNames?.length ? `-${p.resourceNames.join('-')}` : ''}`;
}

/**
 * Least privilege for `plan` and `verify`: exactly the Kubernetes permissions lib/cli/permissions.ts
 * lists, one Role (namespaced) or ClusterRole per permission, bound to {@link OPERATOR_GROUP}.
 */
export function operatorRbac(): RbacObject[] {
  const all = COMMANDS.flatMap((c) => COMMAND_PERMISSIONS[c].kubernetes);
  const unique = all.filter((p, i) => all.findIndex((q) => operatorRbacName(q) === operatorRbacName(p)) === i);
  return unique.flatMap((p): RbacObject[] => {
    const name = operatorRbacName(p);
    const rule = { apiGroups: [p.apiGroup], resources: [p.resource], verbs: [p.verb], ...(p.resourceNames ? { resourceNames: [...p.resourceNames] } : {}) };
    const subjects = [{ kind: 'Group' as const, name: OPERATOR_GROUP }];
    return p.namespace
      ? [
        { kind: 'Role', metadata: { name, namespace: p.namespace }, rules: [rule] },
        { kind: 'RoleBinding', metadata: { name, namespace: p.namespace }, roleRef: { kind: 'Role', name }, subjects },
      ]
      : [
        { kind: 'ClusterRole', metadata: { name }, rules: [rule] },
        { kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { kind: 'ClusterRole', name }, subjects },
      ];
  });
}

/** What EKS writes into a new cluster's aws-auth for the managed node group. */
export const EKS_NODE_ENTRY = {
  groups: ['system:bootstrappers', 'system:nodes'], rolearn: role(`${CLUSTER}-node-general`), username: 'system:node:{{EC2PrivateDNSName}}',
};
/** A mapping someone added with eksctl: unowned, kept by every deploy. */
export const EKSCTL_ENTRY = { rolearn: role('ci-deployer'), username: 'ci-deployer', groups: ['ci'] };

/** The outcome of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** A harness with RBAC, a deployed environment and a way to run the CLI. */
export interface CliSetup {
  readonly harness: Harness;
  readonly rbac: RbacEvaluator;
  readonly config: EnvironmentConfig;
  readonly env: ResolvedEnvironment;
  /** Runs the real handler (Create, or Update when the owner exists) with `config`'s mappings, as a deploy does. */
  deploy(config?: EnvironmentConfig): Promise<void>;
  /** Runs the CLI as the operator against `environments` (default: the setup's config); `deps` replace the setup's. */
  run(argv: string[], environments?: EnvironmentConfig[], deps?: Pick<CliDeps, 'aws'>): Promise<CliRun>;
  /** Edits `mapRoles` / `mapUsers` of the stored aws-auth by hand (kubectl edit). */
  editByHand(key: 'mapRoles' | 'mapUsers', edit: (entries: Array<Record<string, unknown>>) => Array<Record<string, unknown>>): void;
  close(): Promise<void>;
}

/**
 * Starts the harness, loads the app's RBAC and the operator's, seeds aws-auth as EKS leaves it
 * (the node role) plus one eksctl mapping, and deploys `config` through the real handler.
 */
export async function startCliSetup(
  config: EnvironmentConfig = testEnvironment(), options: { deploy?: boolean; authenticationMode?: string } = {},
): Promise<CliSetup> {
  const harness = await startHarness({ clusterName: CLUSTER, region: REGION, roles: [VERIFIER_ROLE], authenticationMode: options.authenticationMode });
  const env = validateEnvironment(config);
  const rbac = new RbacEvaluator([...appRbac(env), ...operatorRbac()]);
  const callers: Record<string, string[]> = {
    [TEST_IDENTITIES.handler.arn]: [WRITER_GROUP],
    [TEST_IDENTITIES.deployer.arn]: [OPERATOR_GROUP],
    // The verifier role as the CLI assumes it (--assume-role), mapped as the app maps it.
    [VERIFIER_SESSION]: [Groups.verifier],
  };
  harness.kube.setAuthorizer(rbacAuthorizer(rbac, (user) => callers[user] ?? []));
  harness.kube.seed({
    metadata: { name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE },
    data: { mapRoles: stringify([EKS_NODE_ENTRY, EKSCTL_ENTRY]) },
  });
  let deployed = false;

  const setup: CliSetup = {
    harness, rbac, config, env,
    async deploy(next = config) {
      const e = validateEnvironment(next);
      const { mapRoles, mapUsers } = desiredMappings(e);
      const props = { owner: peopleOwner(e), mapRoles, mapUsers, allowClusterAdmin: e.allowClusterAdmin };
      await harness.handler(harness.event(deployed ? 'Update' : 'Create', props));
      deployed = true;
    },
    async run(argv, environments = [config], deps = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const operator = async () => ({ ...TEST_IDENTITIES.deployer });
      const code = await runCli(argv, {
        environments,
        aws: (region, credentials) => createAwsEdge(region, credentials ?? operator),
        out: (l) => out.push(...l.split('\n')),
        err: (l) => err.push(...l.split('\n')),
        ...deps,
      });
      return { code, out, err };
    },
    editByHand(key, edit) {
      const cm = harness.kube.store.get(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
      if (!cm) throw new Error('aws-auth does not exist');
      const entries = (parse(cm.data?.[key] ?? '[]') ?? []) as Array<Record<string, unknown>>;
      harness.kube.seed({ ...cm, data: { ...cm.data, [key]: stringify(edit(entries)) } });
    },
    close: () => harness.close(),
  };
  if (options.deploy !== false) await setup.deploy();
  return setup;
}
