import { connectToCluster } from '../../lambda/edge/connect';
import type { AwsCredentialsProvider, AwsEdge } from '../../lambda/edge/aws';
import { createAwsEdge } from '../../lambda/edge/aws';
import { KubeApiError } from '../../lambda/edge/kube-errors';
import { KubeClient } from '../../lambda/edge/kube';
import type { KubeClientOptions, KubeTarget } from '../../lambda/edge/kube';
import { ENVIRONMENTS } from '../config/environments';
import { PIPELINE, withPipelineVerifiers } from '../config/pipeline';
import type { EnvironmentConfig } from '../config/types';
import { validateEnvironments } from '../config/validate';
import type { ResolvedEnvironment } from '../config/validate';
import { AccessEntriesDeniedError, DESCRIBE_ACCESS_ENTRY_ACTION, createAccessEntryReader } from './access-entries';
import type { AccessEntryReader } from './access-entries';
import { CliExit, USAGE, parseCommandLine } from './args';
import type { CliArgs } from './args';
import { readClusterAdmins, renderCreatorAdmin } from './creator-admin';
import { planPeopleEntries } from './people-entries';
import { verifyPeopleEntries } from './verify-entries';
import { CREDENTIAL_KINDS, credentialsHelp, explainCliError } from './explain-error';
import { jsonDocument, planHasChanges } from './json-output';
import type { EnvironmentOutcome } from './json-output';
import { planNetworkPolicy } from './network-policy-check';
import { planLive, renderPlan } from './plan';
import { profileCredentials } from './profile-credentials';
import { verifyLive } from './verify';
import type { VerifyResult } from './verify';

export { USAGE } from './args';

/** What the CLI reaches; tests and the sandbox pass stand-in backed versions. */
export interface CliDeps {
  /** The environments (validated by the CLI). @default - the app's config with the pipeline's verifiers */
  readonly environments?: EnvironmentConfig[];
  /** AWS access in a region. @default createAwsEdge (the SDK's default chain) */
  readonly aws?: (region: string, credentials?: AwsCredentialsProvider) => AwsEdge;
  /** The Kubernetes client. @default KubeClient */
  readonly kube?: (target: KubeTarget, options: KubeClientOptions) => KubeClient;
  /** stdout, one call per line (or block). @default console.log */
  readonly out?: (line: string) => void;
  /** stderr, one call per line (or block). @default console.error */
  readonly err?: (line: string) => void;
}

/** The CLI's reach, defaults filled in. */
interface Reach {
  readonly aws: NonNullable<CliDeps['aws']>;
  readonly kube: NonNullable<CliDeps['kube']>;
}

/** Who the edge is, for a Kubernetes 401/403 message; undefined when that cannot be found either. */
async function identityOf(edge: AwsEdge): Promise<string | undefined> {
  try {
    return (await edge.callerIdentity()).arn;
  } catch {
    return undefined;
  }
}

/** Runs the command against one environment; never throws (a failure is an `error` outcome). */
async function runEnvironment(env: ResolvedEnvironment, args: CliArgs, reach: Reach): Promise<EnvironmentOutcome> {
  let kube: KubeClient | undefined;
  let edge: AwsEdge | undefined;
  try {
    const caller = args.profile ? reach.aws(env.region, profileCredentials(env.region, args.profile)) : reach.aws(env.region);
    const assumeRole = args.assumeRole;
    edge = assumeRole ? reach.aws(env.region, () => caller.assumeRole(assumeRole, 'eks-access-cli')) : caller;
    const signer = edge;
    const connection = await connectToCluster({
      clusterName: env.clusterName, region: env.region, edge: signer, identity: signer,
      kube: reach.kube, kubeOptions: { deadline: Date.now() + 120_000 }, now: Date.now,
    });
    kube = connection.kube;
    // Signed with the credentials that reached the cluster (the assumed role with --assume-role).
    const reader = createAccessEntryReader(env.region, () => signer.resolveCredentials());
    if (args.command === 'verify') return { kind: 'verify', env, result: withEntries(await verifyLive(env, kube), await verifyEntries(env, reader)) };
    const plan = await planLive(env, kube);
    const clusterAdmins = await readClusterAdmins(env, connection.cluster.authenticationMode, reader);
    const notes = [...renderCreatorAdmin(env, clusterAdmins), ...await planPeopleEntries(env, reader), ...await planNetworkPolicy(env, kube)];
    return { kind: 'plan', env, plan, clusterAdmins, notes };
  } catch (e) {
    const identity = e instanceof KubeApiError && edge && (e.status === 401 || e.status === 403) ? await identityOf(edge) : undefined;
    return { kind: 'error', env, error: explainCliError(e, { command: args.command, env, assumeRole: args.assumeRole, profile: args.profile, ...(identity ? { identity } : {}) }) };
  } finally {
    kube?.close();
  }
}

/** The access entries' verification of an environment on accessBackend "both"; denied access is a failure naming the permissions. */
async function verifyEntries(env: ResolvedEnvironment, reader: AccessEntryReader): Promise<VerifyResult> {
  if (env.accessBackend === 'aws-auth') return { ok: true, lines: [] };
  try {
    return await verifyPeopleEntries(env, reader);
  } catch (e) {
    if (!(e instanceof AccessEntriesDeniedError)) throw e;
    return { ok: false, lines: [`FAIL access entries not read: ${e.message}; verify of an environment on accessBackend ${env.accessBackend} needs ${DESCRIBE_ACCESS_ENTRY_ACTION} and eks:ListAssociatedAccessPolicies on the cluster's access entries`] };
  }
}

/** Both verifications in one result. */
function withEntries(live: VerifyResult, entries: VerifyResult): VerifyResult {
  return { ok: live.ok && entries.ok, lines: [...live.lines, ...entries.lines] };
}

/** The report lines of one outcome (stdout in text output). */
function reportLines(o: EnvironmentOutcome): string[] {
  switch (o.kind) {
    case 'plan': return [`## ${o.env.name}`, ...renderPlan(o.plan), ...o.notes];
    case 'verify': return [`## ${o.env.name}`, ...o.result.lines.map((l) => `  ${l}`)];
    case 'error': return [];
  }
}

/** The progress line that ends one environment (stderr in every output). */
function summaryLine(o: EnvironmentOutcome): string {
  switch (o.kind) {
    case 'plan': return `${o.env.name}: ${planHasChanges(o.plan) ? `${o.plan.changes.length} change(s), ${o.plan.drift.length} drift item(s)` : 'no changes'}`;
    case 'verify': return `${o.env.name}: ${o.result.ok ? 'verified' : 'FAILED'}`;
    case 'error': return `${o.env.name}: ${o.error.message}`;
  }
}

/** The exit code after `outcome`, given the code so far: an error (1) wins over changes (2). */
function nextExit(exit: number, o: EnvironmentOutcome, detailed: boolean): number {
  if (o.kind === 'error' || (o.kind === 'verify' && !o.result.ok)) return CliExit.error;
  if (o.kind === 'plan' && planHasChanges(o.plan) && detailed && exit === CliExit.ok) return CliExit.changes;
  return exit;
}

function validated(deps: CliDeps): ResolvedEnvironment[] {
  // The app adds the pipeline's verify steps to each environment's verifiers; so does the CLI,
  // so that it expects exactly the mappings the app deploys.
  return validateEnvironments(deps.environments ?? withPipelineVerifiers(ENVIRONMENTS, PIPELINE));
}

/**
 * Runs the CLI; returns the exit code. Never throws: every failure is sentences on stderr.
 * Uses the caller's own AWS credentials (SDK default chain) unless `--assume-role` is given.
 */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => console.log(l));
  const err = deps.err ?? ((l: string) => console.error(l));
  const parsed = parseCommandLine(argv);
  if (parsed.kind === 'help') {
    out(USAGE);
    return CliExit.ok;
  }
  if (parsed.kind === 'usage') {
    err(parsed.message);
    return CliExit.usage;
  }
  const args = parsed.args;
  let resolved: ResolvedEnvironment[];
  try {
    resolved = validated(deps);
  } catch (e) {
    err(e instanceof Error ? e.message : String(e));
    return CliExit.error;
  }
  const unknown = args.envNames.filter((n) => !resolved.some((e) => e.name === n));
  if (unknown.length) {
    err(`unknown environment ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${resolved.map((e) => e.name).join(', ')}`);
    return CliExit.usage;
  }
  const targets = args.all ? resolved : resolved.filter((e) => args.envNames.includes(e.name));
  const reach: Reach = { aws: deps.aws ?? createAwsEdge, kube: deps.kube ?? ((t, o) => new KubeClient(t, o)) };
  const outcomes: EnvironmentOutcome[] = [];
  let exit: number = CliExit.ok;
  for (const env of targets) {
    err(`${env.name}: ${args.command} ${env.clusterName} in ${env.region} (account ${env.account})...`);
    const outcome = await runEnvironment(env, args, reach);
    outcomes.push(outcome);
    if (args.output === 'text') for (const line of reportLines(outcome)) out(line);
    err(summaryLine(outcome));
    exit = nextExit(exit, outcome, args.detailed);
  }
  const credentialFailures = outcomes.flatMap((o) => (o.kind === 'error' && CREDENTIAL_KINDS.includes(o.error.kind) ? [o.env] : []));
  if (credentialFailures.length) {
    for (const line of credentialsHelp({ command: args.command, args: args.rest }, credentialFailures, args.assumeRole)) err(line);
  }
  if (args.output === 'json') out(JSON.stringify(jsonDocument(args.command, outcomes, exit), null, 2));
  return exit;
}
