/**
 * What `cdk synth` runs (bin/app.ts): builds and synthesizes the app, then decides the exit code
 * and the lines to print. Invalid config prints its problem list; a context lookup the CLI could
 * not do prints one sentence per key (never the annotation CDK adds for it, which would read as
 * a cdk-nag finding); an unacknowledged cdk-nag finding prints its rule and path. Nothing is
 * printed here: the entry point prints `messages` to stderr and exits with `exitCode`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { BuiltApp } from '../app';
import { readNagFindings } from '../nag/report';
import { failedLookups } from './context-check';
import { configProblemsReport } from './errors';

/** What a synth run ends with. */
export interface SynthOutcome {
  /** 0 when the assembly is complete or the CLI may still look up missing context; 1 otherwise. */
  readonly exitCode: 0 | 1;
  /** Lines for stderr, in order. */
  readonly messages: readonly string[];
}

/** Builds the app with `build` and synthesizes it; any error other than a config error is rethrown. */
export function runSynth(build: () => BuiltApp): SynthOutcome {
  let built: BuiltApp;
  try {
    built = build();
  } catch (e) {
    const report = configProblemsReport(e);
    if (report === undefined) throw e;
    return { exitCode: 1, messages: [report] };
  }
  const { app, stages } = built;
  const { assembly, validationError } = synthesize(app);
  const lookups = failedLookups(assembly.manifest.missing ?? [], (key) => app.node.tryGetContext(key), stages.map((s) => s.cluster.config));
  if (lookups.length > 0) return { exitCode: 1, messages: lookups };
  if (validationError) throw validationError;
  const findings = readNagFindings(assembly.directory);
  if (findings.length === 0) return { exitCode: 0, messages: [] };
  return {
    exitCode: 1,
    messages: [
      `cdk-nag: ${findings.length} unacknowledged finding(s); fix them or acknowledge each with a specific reason:`,
      ...findings.map((f) => `  ${f.rule} at ${f.path}`),
    ],
  };
}

/**
 * Synthesizes `app`. Outside the CLI (tests, a direct run) CDK throws on an error annotation,
 * the one a failed lookup adds included; it writes the assembly before it validates, so the
 * assembly is read back and the error kept for after the lookup check.
 */
function synthesize(app: App): { assembly: CloudAssembly; validationError?: unknown } {
  try {
    return { assembly: app.synth() };
  } catch (e) {
    if (!fs.existsSync(path.join(app.outdir, 'manifest.json'))) throw e;
    return { assembly: new CloudAssembly(app.outdir), validationError: e };
  }
}
