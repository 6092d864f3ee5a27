/**
 * Real cloud assemblies for the workflow tests: this app synthesized once (with `cdk synth`'s
 * context; asset bundling skipped, since the archive leaves asset bundles out), head variants
 * derived by editing the dev aws-auth mapping resource's JSON, and the archive made by the
 * synth workflow's own pack step.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../../lib/app';
import { PR_ASSEMBLIES_TAR, PR_WORKFLOWS } from '../../lib/config/pipeline';
import { cliContext } from '../util';
import { loadWorkflow } from './workflow-file';
import type { Step } from './workflow-file';

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/** The properties of the dev aws-auth mapping resource that the variants edit. */
export interface MappingProps {
  MapUsers: Array<Record<string, unknown>>;
  MapRoles: Array<Record<string, unknown>>;
}

/** Synthesizes the app into `dir` (without asset bundles); returns `dir`. */
export function synthesizeApp(dir: string): string {
  const out = `${dir}.synth`;
  buildApp({ outdir: out, context: { ...cliContext(), 'aws:cdk:enable-path-metadata': true, 'aws:cdk:bundling-stacks': [] } }).app.synth();
  fs.cpSync(out, dir, { recursive: true, filter: (src) => !path.basename(src).startsWith('asset.') });
  fs.rmSync(out, { recursive: true, force: true });
  return dir;
}

/** The template file of a stack of an environment (`dev`, `Access`). */
export function templateFile(assembly: string, env: string, stack: string): string {
  const dir = path.join(assembly, `assembly-${env}`);
  const file = fs.readdirSync(dir).find((f) => f.startsWith(`${env}${stack}`) && f.endsWith('.template.json'));
  if (!file) throw new Error(`no ${env}/${stack} template in ${dir}`);
  return path.join(dir, file);
}

/** A copy of `base` at `dir` with the dev aws-auth mapping's properties edited (no edit: unchanged). */
export function headVariant(base: string, dir: string, edit?: (props: MappingProps) => void): string {
  fs.cpSync(base, dir, { recursive: true });
  if (!edit) return dir;
  const file = templateFile(dir, 'dev', 'Access');
  const t = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
  const mapping = Object.values(t.Resources).find((r) => r.Type === 'Custom::EksAccessAwsAuth');
  if (!mapping) throw new Error('no Custom::EksAccessAwsAuth in the dev Access template');
  edit(mapping.Properties as unknown as MappingProps);
  fs.writeFileSync(file, JSON.stringify(t, null, 1));
  return dir;
}

/** The archive the synth workflow uploads for `base` and `head`, made by its pack step in `work`. */
export function packAssemblies(base: string, head: string, work: string): Buffer {
  fs.mkdirSync(path.join(work, 'assemblies'), { recursive: true });
  fs.cpSync(base, path.join(work, 'assemblies', 'base'), { recursive: true });
  fs.cpSync(head, path.join(work, 'assemblies', 'head'), { recursive: true });
  const step = loadWorkflow(PR_WORKFLOWS.synth.file).workflow.jobs.synth.steps.find((s) => s.run?.includes('tar ')) as Step;
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run as string], { env: { PATH: process.env.PATH ?? '', RUNNER_TEMP: work }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pack step failed: ${r.stderr}`);
  return fs.readFileSync(path.join(work, PR_ASSEMBLIES_TAR));
}
