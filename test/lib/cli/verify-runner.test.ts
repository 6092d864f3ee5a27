/**
 * The verify runner's entry, in-process, against the stand-ins: the same checks as
 * `eks-access verify`, run with verifier rights (the identity the verifier group is bound to),
 * the environment's resolved config read from the function's configuration.
 */
import { createAwsEdge } from '../../../lambda/edge/aws';
import { VERIFY_RUNNER_CONFIG_ENV, encodeRunnerEnvironment, runVerifyRunner, runnerEnvironment } from '../../../lib/cli/verify-runner';
import type { ResolvedEnvironment } from '../../../lib/config/validate';
import { handler } from '../../../lambda/verify-runner';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE, withPipelineVerifiers } from '../../../lib/config/pipeline';
import { validateEnvironments } from '../../../lib/config/validate';
import { accessChecks } from '../../../lib/cli/access-checks';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { Groups } from '../../../lib/k8s/groups';
import { TEST_IDENTITIES } from '../../support/identities';
import type { CliSetup } from './cli-setup';
import { VERIFIER_ROLE, role, startCliSetup, testEnvironment } from './cli-setup';

let s: CliSetup;

/** A private environment the pipeline verifies (so its verifier group's RBAC is deployed). */
const privateEnv = (): EnvironmentConfig => testEnvironment({
  endpoint: { access: 'private', operatorCidrs: ['10.200.0.0/16'] },
  verifierTrustedRoleArns: [role('pipeline-verify-step')],
});

/** Runs the runner with verifier credentials (the role session the verifier group is bound to in the stand-in). */
async function runAsVerifier(vars: Record<string, string | undefined>) {
  const deployer = createAwsEdge(s.env.region, async () => ({ ...TEST_IDENTITIES.deployer }));
  const verifier = await deployer.assumeRole(VERIFIER_ROLE, 'eks-access-cli');
  return runVerifyRunner({ environment: () => vars, aws: (region) => createAwsEdge(region, async () => verifier) });
}

test('the shipped environments fit Lambda\'s 4 KB of variables, with room to grow', () => {
  for (const env of validateEnvironments(withPipelineVerifiers(ENVIRONMENTS, PIPELINE))) {
    expect(Buffer.byteLength(encodeRunnerEnvironment(env))).toBeLessThan(2048);
  }
});

describe('verify runner', () => {
  afterEach(async () => {
    await s.close();
  });

  test('a good cluster passes, with one "ok" line per access check, as the CLI prints them', async () => {
    s = await startCliSetup(privateEnv());
    const result = await runAsVerifier({ [VERIFY_RUNNER_CONFIG_ENV]: encodeRunnerEnvironment(s.env) });
    expect(result).toEqual({ pass: true, environment: 'test', report: accessChecks(s.env).map((c) => `ok   ${c.describe}`) });
  });

  test('a hand-edited escalation fails, naming the check it breaks', async () => {
    s = await startCliSetup(privateEnv());
    s.editByHand('mapRoles', (entries) => entries.map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer, Groups.clusterAdmin] } : e)));
    const result = await runAsVerifier({ [VERIFY_RUNNER_CONFIG_ENV]: encodeRunnerEnvironment(s.env) });
    expect(result.pass).toBe(false);
    expect(result.report).toEqual(expect.arrayContaining([
      expect.stringMatching(/^FAIL developer cannot do \* on \* cluster-wide: the cluster says allowed/),
    ]));
  });

  test('the Lambda entry runs with the function\'s own credentials and configuration (process.env), logs and returns the result', async () => {
    s = await startCliSetup(privateEnv());
    s.editByHand('mapRoles', (entries) => entries.map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer, Groups.clusterAdmin] } : e)));
    const deployer = createAwsEdge(s.env.region, async () => ({ ...TEST_IDENTITIES.deployer }));
    const verifier = await deployer.assumeRole(VERIFIER_ROLE, 'eks-access-cli');
    const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', VERIFY_RUNNER_CONFIG_ENV] as const;
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: verifier.accessKeyId, AWS_SECRET_ACCESS_KEY: verifier.secretAccessKey, AWS_SESSION_TOKEN: verifier.sessionToken,
      [VERIFY_RUNNER_CONFIG_ENV]: encodeRunnerEnvironment(s.env),
    });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const result = await handler();
      expect(result.pass).toBe(false);
      expect(result.report.filter((l) => l.startsWith('FAIL'))).not.toEqual([]);
      expect(log).toHaveBeenCalledWith(['test: FAILED', ...result.report].join('\n'));
    } finally {
      log.mockRestore();
      for (const k of keys) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  test('a cluster it cannot reach fails with the reason, it does not throw', async () => {
    s = await startCliSetup(privateEnv());
    const result = await runAsVerifier({ [VERIFY_RUNNER_CONFIG_ENV]: encodeRunnerEnvironment({ ...s.env, clusterName: 'no-such-cluster' }) });
    expect(result.pass).toBe(false);
    expect(result.report).toHaveLength(1);
    expect(result.report[0]).toMatch(/^FAIL verify of no-such-cluster in eu-west-1 did not complete: /);
  });

  test('a missing or malformed configuration is refused, naming the variable', async () => {
    s = await startCliSetup(privateEnv(), { deploy: false });
    expect(() => runnerEnvironment({})).toThrow(`${VERIFY_RUNNER_CONFIG_ENV} is not set;`);
    expect(() => runnerEnvironment({ [VERIFY_RUNNER_CONFIG_ENV]: '{"name":"test"}' })).toThrow(`${VERIFY_RUNNER_CONFIG_ENV} is not gzipped, base64-encoded JSON`);
    expect(() => runnerEnvironment({ [VERIFY_RUNNER_CONFIG_ENV]: encodeRunnerEnvironment({ name: 'test' } as ResolvedEnvironment) })).toThrow(`${VERIFY_RUNNER_CONFIG_ENV} is not a resolved environment`);
  });
});
