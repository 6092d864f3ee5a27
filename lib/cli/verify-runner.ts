/**
 * The verify runner: `eks-access verify` for ONE environment, run where the cluster's private
 * endpoint is reachable (a Lambda in the environment's VPC, lib/constructs/verify-runner.ts).
 * It reads the environment's resolved config from its own configuration (written at synth, no
 * lookup), connects with the credentials it runs as (the runner's role, mapped to the verifier
 * group) and runs the same checks as the CLI ({@link verifyLive}).
 */
import { gunzipSync, gzipSync } from 'zlib';
import { connectToCluster } from '../../lambda/edge/connect';
import { createAwsEdge } from '../../lambda/edge/aws';
import type { AwsEdge } from '../../lambda/edge/aws';
import { KubeClient } from '../../lambda/edge/kube';
import type { ResolvedEnvironment } from '../config/validate';
import { verifyLive } from './verify';

/**
 * The environment variable that holds the environment's resolved config: JSON, gzipped and
 * base64-encoded ({@link encodeRunnerEnvironment}), since Lambda allows 4 KB of variables and
 * a resolved environment is about 3 KB of JSON.
 */
export const VERIFY_RUNNER_CONFIG_ENV = 'EKS_ACCESS_VERIFY_ENVIRONMENT';

/** The value of {@link VERIFY_RUNNER_CONFIG_ENV} for `env` (deterministic: gzip writes no timestamp). */
export function encodeRunnerEnvironment(env: ResolvedEnvironment): string {
  return gzipSync(Buffer.from(JSON.stringify(env)), { level: 9 }).toString('base64');
}

/** What the runner returns (the pipeline step prints `report` and fails unless `pass`). */
export interface VerifyRunnerResult {
  /** Every check passed. */
  readonly pass: boolean;
  /** The environment's name. */
  readonly environment: string;
  /** The verify report, one line per finding; failures start with `FAIL`. */
  readonly report: string[];
}

/** What the runner reads and calls. */
export interface VerifyRunnerDeps {
  /** The process environment (the function's configuration). */
  readonly environment: () => Record<string, string | undefined>;
  /**
   * AWS access in a region with the runner's own credentials.
   * @default createAwsEdge (the SDK's default chain: the function's execution role)
   */
  readonly aws?: (region: string) => AwsEdge;
  /** How long the whole run may take, in milliseconds. @default 120000 */
  readonly deadlineMs?: number;
}

/** The resolved environment from the runner's configuration; throws naming the variable and the fix. */
export function runnerEnvironment(vars: Record<string, string | undefined>): ResolvedEnvironment {
  const raw = vars[VERIFY_RUNNER_CONFIG_ENV];
  const fix = `the function's ${VERIFY_RUNNER_CONFIG_ENV} is written at synth by lib/constructs/verify-runner.ts; deploy <env>/Access again instead of editing it`;
  if (!raw) throw new Error(`${VERIFY_RUNNER_CONFIG_ENV} is not set; ${fix}`);
  let env: unknown;
  try {
    env = JSON.parse(gunzipSync(Buffer.from(raw, 'base64')).toString('utf8'));
  } catch (e) {
    throw new Error(`${VERIFY_RUNNER_CONFIG_ENV} is not gzipped, base64-encoded JSON (${(e as Error).message}); ${fix}`);
  }
  const e = env as Partial<ResolvedEnvironment> | null;
  if (!e || typeof e !== 'object' || typeof e.name !== 'string' || typeof e.clusterName !== 'string' || typeof e.region !== 'string') {
    throw new Error(`${VERIFY_RUNNER_CONFIG_ENV} is not a resolved environment (it needs name, clusterName and region); ${fix}`);
  }
  return env as ResolvedEnvironment;
}

/**
 * Verifies the configured environment. Never throws for a check or connection failure: the
 * result says `pass: false` and the report names the failure.
 */
export async function runVerifyRunner(deps: VerifyRunnerDeps): Promise<VerifyRunnerResult> {
  const env = runnerEnvironment(deps.environment());
  const edge = (deps.aws ?? ((region: string) => createAwsEdge(region)))(env.region);
  let kube: KubeClient | undefined;
  try {
    const connection = await connectToCluster({
      clusterName: env.clusterName, region: env.region, edge, identity: edge,
      kube: (t, o) => new KubeClient(t, o), kubeOptions: { deadline: Date.now() + (deps.deadlineMs ?? 120_000) }, now: Date.now,
    });
    kube = connection.kube;
    const result = await verifyLive(env, kube);
    return { pass: result.ok, environment: env.name, report: result.lines };
  } catch (e) {
    return { pass: false, environment: env.name, report: [`FAIL verify of ${env.clusterName} in ${env.region} did not complete: ${(e as Error).message}`] };
  } finally {
    kube?.close();
  }
}
