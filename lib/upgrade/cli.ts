/**
 * `npm run upgrade-gate [-- --update]`: synthesizes the app and checks it against the golden
 * templates (exit 0 passed, 2 failed, 1 error); `--update` rewrites the golden templates, only
 * when the gate passes, so that regenerating them cannot wave an undeclared replacement through.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkUpgrade } from './check';
import { readGolden, writeGolden } from './golden';
import { parseIntended } from './intended';
import type { GateResult, IntendedReplacement, StackTemplate } from './model';
import { GOLDEN_DIR, INTENDED_FILE } from './paths';
import { gatePasses, renderResult } from './report';
import { synthesizeTemplates } from './synthesize';

/** The exit codes of the gate. */
export const GateExit = { passed: 0, error: 1, failed: 2 } as const;

/** Usage text. */
export const GATE_USAGE = 'usage: npm run upgrade-gate [-- --update]';

/** Where the gate runs and writes. */
export interface GateIo {
  /** The app's root (holds cdk.json). */
  readonly root: string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Synthesizes the app. @default {@link synthesizeTemplates} */
  readonly synthesize?: (root: string) => StackTemplate[];
}

/** The declared intended replacements of the app in `root`; none when the file is absent. */
export function readIntended(root: string): IntendedReplacement[] {
  const file = path.join(root, INTENDED_FILE);
  return fs.existsSync(file) ? parseIntended(fs.readFileSync(file, 'utf8'), INTENDED_FILE) : [];
}

/**
 * The gate over the app in `root` against its committed golden templates. No golden templates
 * at all is an error, not a pass: an empty baseline would guard nothing.
 */
export function runGate(root: string, current: StackTemplate[]): GateResult {
  const golden = readGolden(path.join(root, GOLDEN_DIR));
  if (golden.length === 0) {
    throw new Error(`no golden templates in ${GOLDEN_DIR}, so nothing deployed is guarded. Run \`npm run upgrade-gate -- --update\` on the commit that is deployed and commit ${GOLDEN_DIR}.`);
  }
  return checkUpgrade(golden, current, readIntended(root));
}

/** Runs the command; returns its exit code. */
export function runUpgradeGate(args: string[], io: GateIo): number {
  const unknown = args.filter((a) => a !== '--update');
  if (unknown.length > 0) {
    io.stderr(`upgrade-gate: unknown argument ${unknown.map((a) => JSON.stringify(a)).join(', ')}. ${GATE_USAGE}`);
    return GateExit.error;
  }
  try {
    const current = (io.synthesize ?? synthesizeTemplates)(io.root);
    const update = args.includes('--update');
    const firstGolden = update && readGolden(path.join(io.root, GOLDEN_DIR)).length === 0;
    const result = firstGolden ? checkUpgrade([], current, []) : runGate(io.root, current);
    if (!update) {
      const lines = renderResult(result);
      lines.forEach((l) => (gatePasses(result) ? io.stdout : io.stderr)(l));
      return gatePasses(result) ? GateExit.passed : GateExit.failed;
    }
    if (result.violations.length > 0) {
      renderResult({ ...result, stale: [] }).forEach((l) => io.stderr(l));
      io.stderr(`upgrade-gate: not updating ${GOLDEN_DIR}: declare each replacement or removal above first (or revert it).`);
      return GateExit.failed;
    }
    const { written, removed } = writeGolden(path.join(io.root, GOLDEN_DIR), current);
    io.stdout(`upgrade-gate: wrote ${written.length} golden template(s) to ${GOLDEN_DIR}${removed.length > 0 ? `, removed ${removed.map((f) => path.relative(io.root, f)).join(', ')}` : ''}.`);
    const declared = readIntended(io.root);
    if (declared.length > 0) {
      io.stdout(`upgrade-gate: the golden templates now include the ${declared.length} declared change(s); remove them from ${INTENDED_FILE} (the gate fails on stale declarations).`);
    }
    return GateExit.passed;
  } catch (e) {
    io.stderr(`upgrade-gate: ${(e as Error).message}`);
    return GateExit.error;
  }
}
