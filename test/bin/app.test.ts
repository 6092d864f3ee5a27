/**
 * `npx cdk synth --quiet` for real, the way a new user runs it, on a copy of the repository's
 * tracked files (node_modules linked) in the system temp folder, with no AWS credentials at all:
 * a dev account of one's own with its zones in config synthesizes offline and leaves
 * cdk.context.json as committed; without the zones the one-sentence lookup failure; a config
 * mistake prints only its problem list. Each synth takes about 10 s, so the cases share one copy.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository this test runs in. */
const ROOT = path.join(__dirname, '..', '..');
const ACCOUNT = '123456789012';
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const ENVIRONMENTS = 'lib/config/environments.ts';
const CONTEXT = 'cdk.context.json';
const CLI_EXIT_LINE = 'npx tsx bin/app.ts: Subprocess exited with error 1';

let copy: string;
let shipped: string;
let committedContext: string;

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-synth-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  fs.mkdirSync(path.join(copy, '.home'));
  shipped = fs.readFileSync(path.join(copy, ENVIRONMENTS), 'utf8');
  committedContext = fs.readFileSync(path.join(copy, CONTEXT), 'utf8');
});

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

/** The environments file of the copy with `edit` applied (every edit must match exactly once). */
function writeEnvironments(...edits: Array<[RegExp, string]>): void {
  let text = shipped;
  for (const [pattern, replacement] of edits) {
    expect(text.match(new RegExp(pattern.source, `${pattern.flags}g`))).toHaveLength(1);
    text = text.replace(pattern, replacement);
  }
  fs.writeFileSync(path.join(copy, ENVIRONMENTS), text);
}

/** The README's first step: the dev account's one line, set to an account of one's own. */
const OWN_DEV_ACCOUNT: [RegExp, string] = [/^(const DEV_ACCOUNT: string = ).*;$/m, `$1'${ACCOUNT}';`];
/** The dev environment without its declared zones (as an environment written before they existed). */
const NO_DEV_ZONES: [RegExp, string] = [/(^ *name: 'dev',$[\s\S]*?)\n *availabilityZones: .*$/m, '$1'];

/** `npx cdk synth --quiet` (or other synth arguments) in the copy with no credentials of any kind and no metadata service. */
function cdkSynth(args: string[] = ['--quiet']): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|CDK_)/.test(k)) env[k] = v;
  const home = path.join(copy, '.home');
  Object.assign(env, {
    HOME: home, AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true',
  });
  const run = spawnSync('npx', ['cdk', 'synth', ...args, '--no-notices'], { cwd: copy, env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The app's own stderr lines (without the CLI's closing line). */
function appLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && line !== CLI_EXIT_LINE);
}

test('a dev account of one\'s own with its zones in config synthesizes offline, and cdk.context.json is not rewritten', () => {
  expect(committedContext).not.toContain(`account=${ACCOUNT}:`);
  // The shipped dev environment declares its zones: the account line is the only edit.
  expect(shipped).toContain(`availabilityZones: [${ZONES.map((z) => `'${z}'`).join(', ')}],`);
  writeEnvironments(OWN_DEV_ACCOUNT);
  const run = cdkSynth();
  expect(run.stderr).not.toMatch(/cdk-nag|Annotation|providerError/);
  // --quiet: neither CDK's per-asset bundling line nor esbuild's summary.
  expect(run.stderr).not.toMatch(/Bundling asset|Done in/);
  expect(run.status).toBe(0);
  expect(fs.readFileSync(path.join(copy, CONTEXT), 'utf8')).toBe(committedContext);
  const devAssembly = path.join(copy, 'cdk.out', 'assembly-dev');
  expect(JSON.parse(fs.readFileSync(path.join(devAssembly, 'manifest.json'), 'utf8')).missing).toBeUndefined();
  const [clusterTemplate] = fs.readdirSync(devAssembly).filter((f) => /^devCluster.*\.template\.json$/.test(f));
  const template = fs.readFileSync(path.join(devAssembly, clusterTemplate), 'utf8');
  for (const zone of ZONES.slice(0, 2)) expect(template).toContain(`"AvailabilityZone": "${zone}"`);
}, 180_000);

test('without the zones: one sentence naming the environment, the missing key and both fixes; exit 1; no cdk-nag message', () => {
  writeEnvironments(OWN_DEV_ACCOUNT, NO_DEV_ZONES);
  const run = cdkSynth();
  expect(run.status).toBe(1);
  const key = `availability-zones:account=${ACCOUNT}:region=eu-west-1`;
  expect(appLines(run.stderr)).toEqual([
    `Environment "dev" (account ${ACCOUNT}, region eu-west-1) needs its availability zones, which the CDK CLI could not look up `
    + `(Need to perform AWS calls for account ${ACCOUNT}, but no credentials have been configured), and cdk.context.json has no "${key}" entry: `
    + `declare them as availabilityZones of "dev" in ${ENVIRONMENTS} (aws ec2 describe-availability-zones --region eu-west-1 --query "AvailabilityZones[?State=='available'].ZoneName" lists them), `
    + `or run cdk synth once with AWS credentials for account ${ACCOUNT} and commit the cdk.context.json it writes.`,
  ]);
  expect(run.stderr).toContain(CLI_EXIT_LINE);
  // The CLI saves cdk.context.json after every lookup it tries, failed ones included (their
  // values are transient and not saved), in its own format (JSON, two-space indent, final
  // newline); the committed file is in that format, so its bytes stay as committed.
  expect(committedContext).toBe(`${JSON.stringify(JSON.parse(committedContext), null, 2)}\n`);
  expect(fs.readFileSync(path.join(copy, CONTEXT), 'utf8')).toBe(committedContext);
}, 180_000);

test('an invalid config prints only its problem list and exits 1: no stack trace, no object dump', () => {
  writeEnvironments([/^( *)name: 'dev',$/m, "$1name: 'dev',\n$1clusterName: 'bad name!',"]);
  const run = cdkSynth();
  expect(run.status).toBe(1);
  expect(appLines(run.stderr)).toEqual([
    'Invalid environment config (lib/config/environments.ts), 1 problem(s):',
    '  - [dev] clusterName = "bad name!": must start with a letter or digit and contain only letters, digits, "-" and "_" (at most 100)',
  ]);
  expect(run.stdout).toBe('');
}, 180_000);

test('without --quiet the bundling lines are there (the app silences them only for a quiet synth)', () => {
  fs.writeFileSync(path.join(copy, ENVIRONMENTS), shipped);
  const run = cdkSynth(['dev/Access']);
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/^Bundling asset dev\/Access\/\S+\.\.\.$/m);
  expect(run.stdout).toContain('Custom::EksAccessAwsAuth');
}, 180_000);
