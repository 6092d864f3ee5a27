import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { JEST_RUN_TMPDIR_ENV, JEST_TMP_ROOT, redirectTemp, removeRunTemp } from './jest-temp';

test('this worker writes temp files into the run folder under .tmp/, not the system temp folder', () => {
  const dir = os.tmpdir();
  expect(path.dirname(dir)).toBe(JEST_TMP_ROOT);
  expect(fs.statSync(dir).isDirectory()).toBe(true);
});

test('an App without outdir synthesizes into the run folder', () => {
  const app = new App();
  new CfnWaitConditionHandle(new Stack(app, 'S'), 'R');
  const assembly = app.synth();
  expect(path.dirname(assembly.directory)).toBe(os.tmpdir());
});

test('redirectTemp and removeRunTemp: a folder made, pointed at, and removed with what is in it', () => {
  const env: NodeJS.ProcessEnv = {};
  const dir = redirectTemp(env);
  expect(env).toEqual({ [JEST_RUN_TMPDIR_ENV]: dir, TMPDIR: dir, TMP: dir, TEMP: dir });
  fs.writeFileSync(path.join(dir, 'x'), 'x');
  removeRunTemp(env);
  expect(fs.existsSync(dir)).toBe(false);
  // A folder outside the root is never removed.
  const outside: NodeJS.ProcessEnv = { [JEST_RUN_TMPDIR_ENV]: path.join(os.tmpdir(), 'keep') };
  fs.mkdirSync(outside[JEST_RUN_TMPDIR_ENV] as string);
  removeRunTemp(outside);
  expect(fs.existsSync(outside[JEST_RUN_TMPDIR_ENV] as string)).toBe(true);
  fs.rmdirSync(outside[JEST_RUN_TMPDIR_ENV] as string);
});
