/**
 * Synthesizes the app exactly as `cdk synth` does (`buildApp()` with the context of cdk.json and
 * cdk.context.json) into a temporary directory, reads every stack template (nested stage
 * assemblies included) and removes the directory again. No AWS, no network.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../app';
import type { StackTemplate } from './model';

/** The context the CDK CLI gives the app: cdk.json's `context`, then the cached lookups. */
export function cliContext(root: string): Record<string, unknown> {
  const read = (file: string): Record<string, unknown> => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown> : {};
  };
  return { ...(read('cdk.json').context as Record<string, unknown> | undefined), ...read('cdk.context.json') };
}

/**
 * Every stack template of the app in `root` (the directory holding cdk.json), sorted by display
 * name. A policy-validation failure (cdk-nag) does not stop the gate: CDK writes the assembly
 * before it validates, and the nag findings have their own test.
 */
export function synthesizeTemplates(root: string): StackTemplate[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-upgrade-'));
  try {
    const { app } = buildApp({ context: cliContext(root), outdir });
    try {
      app.synth();
    } catch (e) {
      if (!fs.existsSync(path.join(outdir, 'manifest.json'))) throw e;
    }
    return new CloudAssembly(outdir).stacksRecursively
      .map((s) => ({ displayName: s.hierarchicalId, template: s.template as StackTemplate['template'] }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
