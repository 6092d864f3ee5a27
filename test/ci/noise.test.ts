/**
 * .ci/noise.sh (sourced by .ci/run): the output of `npm test` and `cdk synth --quiet` may not
 * hold the warnings issue 9 removed. Checked in bash on lines as the tools print them, and on
 * the neighbours that must pass (a test's own name mentioning bundling, a deprecation reported
 * by our own code in other words).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', '.ci', 'noise.sh');

let work: string;
beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'noise-')); });
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function check(output: string): { status: number | null; stdout: string } {
  const file = path.join(work, 'out.log');
  fs.writeFileSync(file, output);
  const r = spawnSync('bash', ['-c', 'source "$1" && ci_noise "npm test" "$2"', 'bash', SCRIPT, file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

test.each([
  ['the AWS SDK on an old Node', '(node:1234) NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) versions published after the first week of January 2026 will not support Node.js 20.x'],
  ['ts-jest deprecation', 'ts-jest[config] (WARN) The "ts-jest" config option "isolatedModules" is deprecated'],
  ['a CDK deprecation', '      [WARNING] aws-cdk-lib.aws_eks_v2.OpenIdConnectProvider is deprecated, and will be removed in the next major release.'],
  ['a validation report dump', "       Acknowledge with 'Annotation::@aws-cdk/aws-eks:clusterMustManuallyTagSubnet'"],
  ['a bundling line', 'Bundling asset dev/Access/AwsAuthMappings/Provider/Handler/Code/Stage...'],
])('%s fails the step, naming the line', (_what, line) => {
  const r = check(`PASS test/a.test.ts\n${line}\nPASS test/b.test.ts\n`);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('npm test printed warnings or noise that must not appear');
  expect(r.stdout).toContain(`2:${line}`);
});

test('clean output passes, including lines that only mention the words', () => {
  const r = check([
    'PASS test/bin/app.test.ts',
    '  ✓ without --quiet the bundling lines are there (the app silences them only for a quiet synth)',
    'PASS test/lib/stacks/existing-vpc.test.ts',
    '  ✓ the subnet-tag warning (one per subnet CDK cannot tag) is acknowledged with the requirement',
    'Successfully synthesized to /repo/cdk.out',
  ].join('\n'));
  expect(r).toEqual({ status: 0, stdout: '' });
});
