/**
 * The review's diff step without `pullRequestDiff` in the pipeline config: no diff role exists,
 * so it asks for no OIDC token and assumes nothing; each environment's diff says why it was not
 * run, and the step succeeds so that the access report still gates the pull request.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffFiles, diffNotConfigured, diffStep } from '../../../lib/ci/review';
import { envConfig } from '../../util';
import { validateEnvironments } from '../../../lib/config/validate';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-diff-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const environments = validateEnvironments([envConfig({ name: 'dev' }), envConfig({ name: 'prod', clusterName: 'eks-access-prod' })]);

test('without diff roles: every environment says why its diff was not run, exit 0, no token requested', async () => {
  const log: string[] = [];
  // No ACTIONS_ID_TOKEN_REQUEST_* variables: requesting a token would fail the environment.
  const code = await diffStep({ assemblies: dir, outDir: path.join(dir, 'diffs'), environments, diffRolesConfigured: false, env: {}, log: (l) => log.push(l) });
  expect(code).toBe(0);
  for (const name of ['dev', 'prod']) {
    const files = diffFiles(path.join(dir, 'diffs'), name);
    expect(fs.readFileSync(files.text, 'utf8')).toBe(`${diffNotConfigured(name)}\n`);
    expect(fs.readFileSync(files.exit, 'utf8')).toBe('0\n');
  }
  expect(diffNotConfigured('dev')).toContain('no pullRequestDiff, so there is no dev/CiDiff role');
  expect(log).toEqual(['dev: cdk diff not run (no pullRequestDiff in the pipeline config)', 'prod: cdk diff not run (no pullRequestDiff in the pipeline config)']);
});

test('with diff roles (the default) the step tries each role: without an OIDC token every environment fails, exit 1', async () => {
  const code = await diffStep({ assemblies: dir, outDir: path.join(dir, 'diffs'), environments, env: {}, log: () => undefined });
  expect(code).toBe(1);
  const files = diffFiles(path.join(dir, 'diffs'), 'dev');
  expect(fs.readFileSync(files.exit, 'utf8')).toBe('1\n');
  expect(fs.readFileSync(files.text, 'utf8')).not.toContain('not run');
});
