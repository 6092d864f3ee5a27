import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildApp } from '../../../lib/app';
import { ConfigValidationError } from '../../../lib/config/errors';
import { PipelineConfigError } from '../../../lib/config/pipeline';
import { runSynth } from '../../../lib/synth/run';
import { ACCOUNT, NO_BUNDLING, REGION, cliContext, envConfig } from '../../util';

const KEY = `availability-zones:account=${ACCOUNT}:region=${REGION}`;
const problem = { env: 'dev', field: 'account', value: '1234', message: 'must be the 12-digit AWS account id' };

describe('config errors', () => {
  test('an invalid environment: exit 1 with the problem list only', () => {
    const outcome = runSynth(() => { throw new ConfigValidationError([problem]); });
    expect(outcome).toEqual({
      exitCode: 1,
      messages: ['Invalid environment config (lib/config/environments.ts), 1 problem(s):\n  - [dev] account = "1234": must be the 12-digit AWS account id'],
    });
  });

  test('an invalid pipeline: exit 1 with the problem list only', () => {
    const error = new PipelineConfigError([{ ...problem, env: 'pipeline' }]);
    expect(runSynth(() => { throw error; })).toEqual({ exitCode: 1, messages: [error.message] });
    expect(error.message).toMatch(/^Invalid pipeline config \(.+\), 1 problem\(s\):\n {2}- \[pipeline\] account = "1234": must be the 12-digit AWS account id$/);
  });

  test('any other error is not a config problem: rethrown, never reported as one', () => {
    expect(() => runSynth(() => { throw new TypeError('bug'); })).toThrow(TypeError);
  });
});

describe('context lookups', () => {
  let outdir: string;
  beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-synth-')); });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const build = (context: Record<string, unknown>) => () =>
    buildApp({ environments: [envConfig({ name: 'dev' })], context: { ...cliContext(), ...NO_BUNDLING, ...context }, outdir });

  test('the first run, with the zones merely missing, succeeds so that the CLI can look them up', () => {
    expect(runSynth(build({}))).toEqual({ exitCode: 0, messages: [] });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { missing?: Array<{ key: string }> };
    expect(manifest.missing?.map((m) => m.key)).toEqual([KEY]);
  });

  test('the run after a failed lookup: exit 1 with one sentence naming the environment and the key, no cdk-nag report', () => {
    const outcome = runSynth(build({ [KEY]: { $providerError: 'no credentials', $dontSaveContext: true } }));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]).toMatch(new RegExp(`^Environment "dev" \\(account ${ACCOUNT}, region ${REGION}\\) needs its availability zones, which the CDK CLI could not look up \\(no credentials\\), and cdk.context.json has no "${KEY}" entry: `));
    expect(outcome.messages.join('\n')).not.toMatch(/cdk-nag|Annotation/);
  });

  test('a cdk-nag finding is never taken for a failed lookup: the validation error stands', () => {
    const built = build({ [KEY]: ['eu-west-1a', 'eu-west-1b'] })();
    new s3.Bucket(built.stages[0].cluster, 'Unacknowledged');
    expect(() => runSynth(() => built)).toThrow(/AwsSolutions-S1/);
  });
});
