/**
 * What `npm run sandbox` prints: what runs where, what it holds, and the exact shell lines that
 * point `plan`, `verify` and the aws-auth handler at it. Pure: the same sandbox state always
 * prints the same text.
 */
import { WRITER_GROUP } from '../../lambda/aws-auth/api';
import { CREATOR_ADMIN_POLICY } from '../cli/creator-admin';
import { NODE_USERNAME, desiredMappings, verifierRoleArn } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { Groups } from '../k8s/groups';
import { NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_CONFIGMAP } from '../k8s/vpc-cni';
import { awsEndpointEnv } from './aws-endpoints';
import type { SandboxPrincipals } from './principals';

/** Variables that must not be set in the shell that talks to the sandbox. */
export const UNSET_VARIABLES: readonly string[] = [
  // The SDK's default chain skips the environment's keys when a profile is named.
  'AWS_PROFILE',
  // The operator's keys are long-term: a leftover session token would be sent with them.
  'AWS_SESSION_TOKEN',
  // Would make the SDK ignore AWS_ENDPOINT_URL_*, so the commands would call real AWS.
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
];

/** The npm script that runs the sandbox (package.json). */
export const SANDBOX_SCRIPT = 'npm run sandbox';
/** The npm script that runs the CLI (package.json). */
export const CLI_SCRIPT = 'npm run eks-access';

/** What the printed text needs to know about a running sandbox. */
export interface SandboxInfo {
  readonly env: ResolvedEnvironment;
  readonly principals: SandboxPrincipals;
  /** `https://127.0.0.1:<port>` */
  readonly kubeUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly awsUrl: string;
  /** aws-auth was seeded as a deploy of `<env>/Access` leaves it. */
  readonly deployed: boolean;
  /** The sandbox's kubeconfig (removed when it stops). */
  readonly kubeconfig: string;
  /** kubectl's discovery cache folder for the sandbox (removed when it stops). */
  readonly kubeCacheDir: string;
}

/** The kubectl command the sandbox suggests: aws-auth as the operator reads it. */
export const KUBECTL_COMMAND = 'kubectl -n kube-system get configmap aws-auth -o yaml';

/** The variables a shell needs to reach the sandbox as the operator (what the `export` lines set). */
export function shellEnvironment(info: Pick<SandboxInfo, 'env' | 'principals' | 'awsUrl'>): Record<string, string> {
  return awsEndpointEnv(info.awsUrl, info.env.region, info.principals.operator);
}

/** A value as a POSIX shell word. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:+=@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The commands to try, in order, each with what it shows: plan, apply (the handler), plan again
 * and verify; when aws-auth was seeded as deployed, plan and verify only.
 */
export function sandboxCommands(env: ResolvedEnvironment, deployed = false): Array<{ readonly command: string; readonly shows: string }> {
  const e = `--env ${env.name}`;
  const plan = `${CLI_SCRIPT} -- plan ${e}`;
  return [
    ...(deployed
      ? [{ command: plan, shows: `no changes: aws-auth already holds what ${env.name}/Access deploys` }]
      : [
        { command: plan, shows: `what a deploy of ${env.name}/Access would change in aws-auth` },
        { command: `${SANDBOX_SCRIPT} -- apply ${e}`, shows: `runs the aws-auth handler once, with the Create event of ${env.name}/Access's merge resource` },
        { command: plan, shows: 'now: no changes' },
      ]),
    { command: `${CLI_SCRIPT} -- verify ${e}`, shows: 'every mapping present once, and allowed exactly what config says' },
    ...(env.verifierTrustedRoleArns.length
      ? [{ command: `${CLI_SCRIPT} -- verify ${e} --assume-role ${verifierRoleArn(env)}`, shows: 'the same as the pipeline\'s verify step, through the verifier role' }]
      : []),
  ];
}

/** The text `npm run sandbox` prints once both servers listen. */
export function renderInstructions(info: SandboxInfo): string[] {
  const { env, principals } = info;
  const desired = desiredMappings(env);
  const nodes = desired.mapRoles.filter((r) => r.username === NODE_USERNAME);
  const own = desired.mapRoles.length + desired.mapUsers.length;
  const exportLines = Object.entries(shellEnvironment(info)).map(([k, v]) => `export ${k}=${shellWord(v)}`);
  const commands = sandboxCommands(env, info.deployed);
  const width = Math.max(...commands.map((c) => c.command.length));
  return [
    `eks-access sandbox of environment "${env.name}": cluster ${env.clusterName}, account ${env.account}, region ${env.region}; nothing leaves this machine.`,
    `  Kubernetes API  ${info.kubeUrl}  HTTPS with the local test CA of lib/sandbox/certs, which DescribeCluster returns as certificateAuthority.data;`,
    '                  plan, verify and the handler trust only that CA for this endpoint (no NODE_EXTRA_CA_CERTS needed). Bearer tokens are checked as',
    '                  EKS checks them (SigV4 of the presigned STS GetCallerIdentity), requests by RBAC.',
    `  EKS, STS, IAM   ${info.awsUrl}  every request's SigV4 signature checked against the dummy credentials below`,
    `  aws-auth        the EKS node-role entr${nodes.length === 1 ? 'y' : 'ies'} ${nodes.map((n) => n.rolearn).join(', ')}`
      + (info.deployed ? `, and the ${own} entries a deploy of ${env.name}/Access merges in` : ''),
    `  ${VPC_CNI_CONFIGMAP.padEnd(14)}  ${NETWORK_POLICY_CONTROLLER_KEY}: "${env.networkPolicyEnforcement}", as the vpc-cni add-on leaves it`,
    `  access entries  you, ${principals.operator.arn} (group ${Groups.verifier}); the aws-auth handler, ${principals.handlerRoleArn} (group ${WRITER_GROUP})`
      + (env.bootstrapCreatorAdmin ? `; the cluster creator (${CREATOR_ADMIN_POLICY})` : ''),
    '  RBAC            as the app applies it: developer, reader, aws-auth writer, verifier',
    '',
    'In another shell, in this folder (the exports replace that shell\'s AWS credentials and endpoints; the keys are dummies only this sandbox accepts):',
    '',
    ...exportLines,
    `unset ${UNSET_VARIABLES.join(' ')}`,
    '',
    ...commands.map((c) => `${c.command.padEnd(width)}   # ${c.shows}`),
    '',
    'Optionally, with kubectl and the AWS CLI, see aws-auth before and after apply (the token comes from `aws eks get-token`; only get works here:',
    'the stand-in serves ConfigMaps and access reviews in JSON, and refuses impersonation):',
    '',
    `export KUBECONFIG=${shellWord(info.kubeconfig)} KUBECACHEDIR=${shellWord(info.kubeCacheDir)}`,
    KUBECTL_COMMAND,
    '',
    'Ctrl-C stops the sandbox.',
  ];
}
