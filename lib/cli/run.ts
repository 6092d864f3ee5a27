import { connectToCluster } from '../../lambda/aws-auth/connect';
import type { AwsCredentialsProvider, AwsEdge } from '../../lambda/aws-auth/io/aws';
import { ClusterNotFoundError, createAwsEdge } from '../../lambda/aws-auth/io/aws';
import { KubeClient } from '../../lambda/aws-auth/io/kube';
import type { KubeClientOptions, KubeTarget } from '../../lambda/aws-auth/io/kube';
import { ENVIRONMENTS } from '../config/environments';
import { PIPELINE, withPipelineVerifiers } from '../config/pipeline';
import type { EnvironmentConfig } from '../config/types';
import { validateEnvironments } from '../config/validate';
import { createAccessEntryReader } from './access-entries';
import { readClusterAdmins, renderCreatorAdmin } from './creator-admin';
import { planLive, renderPlan } from './plan';
import { planNetworkPolicy } from './network-policy-check';
import { verifyLive } from './verify';

/** What the CLI reaches; tests pass stand-in backed versions. */
export interface CliDeps {
  readonly environments?: EnvironmentConfig[];
  readonly aws?: (region: string, credentials?: AwsCredentialsProvider) => AwsEdge;
  readonly kube?: (target: KubeTarget, options: KubeClientOptions) => KubeClient;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
}

export const USAGE = `usage: eks-access <plan|verify> (--env NAME [--env NAME ...] | --all) [--detailed-exitcode] [--assume-role ROLE_ARN]
  plan     what a deploy would add, change and remove in the live aws-auth (and drift), without writing; the access entries holding AmazonEKSClusterAdminPolicy (the cluster creator's among them), read with eks:ListAccessEntries and eks:ListAssociatedAccessPolicies
  verify   every declared mapping present exactly once, and each mapping allowed exactly what config says, asked as the username and groups the live aws-auth gives it
  --assume-role  use this role (for example <cluster>-verifier) for the EKS calls (DescribeCluster; plan's access entry reads) and the Kubernetes token
exit codes: 0 ok; 1 error or verify failure; 2 plan found changes (with --detailed-exitcode); 64 usage
  (access entries never change plan's exit code: a creator entry config does not expect is a warning line, unreadable entries a sentence naming the permissions)`;

/** Runs the CLI; returns the exit code. Uses the caller's own AWS credentials (SDK default chain). */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => console.log(l));
  const err = deps.err ?? ((l: string) => console.error(l));
  const [command, ...rest] = argv;
  const envNames: string[] = [];
  let all = false;
  let detailed = false;
  let assumeRole: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--env') {
      const name = rest[++i];
      if (!name || name.startsWith('-')) { err(`--env needs an environment name\n${USAGE}`); return 64; }
      envNames.push(name);
    } else if (rest[i] === '--assume-role') {
      const arn = rest[++i];
      if (!arn || !/^arn:[a-z-]+:iam::\d{12}:role\/.+$/.test(arn)) { err(`--assume-role needs an IAM role ARN, got ${JSON.stringify(arn)}\n${USAGE}`); return 64; }
      assumeRole = arn;
    } else if (rest[i] === '--all') all = true;
    else if (rest[i] === '--detailed-exitcode') detailed = true;
    else { err(`unknown argument "${rest[i]}"\n${USAGE}`); return 64; }
  }
  if ((command !== 'plan' && command !== 'verify') || (!all && envNames.length === 0)) {
    err(USAGE);
    return 64;
  }
  let resolved;
  try {
    // The app adds the pipeline's verify steps to each environment's verifiers; so does the CLI,
    // so that it expects exactly the mappings the app deploys.
    resolved = validateEnvironments(deps.environments ?? withPipelineVerifiers(ENVIRONMENTS, PIPELINE));
  } catch (e) {
    err((e as Error).message);
    return 1;
  }
  const unknown = envNames.filter((n) => !resolved.some((e) => e.name === n));
  if (unknown.length) {
    err(`unknown environment ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${resolved.map((e) => e.name).join(', ')}`);
    return 64;
  }
  const targets = all ? resolved : resolved.filter((e) => envNames.includes(e.name));
  let exit = 0;
  for (const env of targets) {
    err(`${env.name}: ${command} ${env.clusterName} in ${env.region} (account ${env.account})...`);
    let kube: KubeClient | undefined;
    try {
      const makeEdge = deps.aws ?? createAwsEdge;
      const caller = makeEdge(env.region);
      const edge = assumeRole ? makeEdge(env.region, () => caller.assumeRole(assumeRole, 'eks-access-cli')) : caller;
      const connection = await connectToCluster({
        clusterName: env.clusterName, region: env.region, edge, identity: edge,
        kube: deps.kube ?? ((t, o) => new KubeClient(t, o)), kubeOptions: { deadline: Date.now() + 120_000 }, now: Date.now,
      });
      kube = connection.kube;
      if (command === 'plan') {
        const plan = await planLive(env, kube);
        out(`## ${env.name}`);
        for (const line of renderPlan(plan)) out(line);
        // Signed with the credentials that reached the cluster (the assumed role with --assume-role).
        const reader = createAccessEntryReader(env.region, () => edge.resolveCredentials());
        for (const line of renderCreatorAdmin(env, await readClusterAdmins(env, connection.cluster.authenticationMode, reader))) out(line);
        for (const line of await planNetworkPolicy(env, kube)) out(line);
        const changes = plan.changes.length + plan.drift.length;
        err(`${env.name}: ${changes === 0 ? 'no changes' : `${plan.changes.length} change(s), ${plan.drift.length} drift item(s)`}`);
        if (changes > 0 && detailed && exit === 0) exit = 2;
      } else {
        const result = await verifyLive(env, kube);
        out(`## ${env.name}`);
        for (const line of result.lines) out(`  ${line}`);
        err(`${env.name}: ${result.ok ? 'verified' : 'FAILED'}`);
        if (!result.ok) exit = 1;
      }
    } catch (e) {
      // The edge's own message speaks of the custom resource's ClusterName property; here the cluster comes from config.
      const message = e instanceof ClusterNotFoundError
        ? `EKS cluster "${e.clusterName}" was not found in region ${e.region}; check clusterName and region of environment "${env.name}" in the config, and that your AWS credentials are for account ${env.account}`
        : (e as Error).message;
      err(`${env.name}: ${message}`);
      exit = 1;
    } finally {
      kube?.close();
    }
  }
  return exit;
}
