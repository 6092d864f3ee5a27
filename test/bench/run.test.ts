import { spawnSync } from 'child_process';
import * as path from 'path';
import { BenchExit } from '../../bench/args';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function bench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(TSX, ['bench/run.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run bench (entry point)', () => {
  test('--help prints the usage and exits 0 without measuring', () => {
    const r = bench('--help');
    expect(r.status).toBe(BenchExit.ok);
    expect(r.stdout).toContain('usage: npm run bench [-- [--strict] [core] [handler] [manifests] [bundle] [synth]]');
    expect(r.stdout).not.toContain('| bench |');
  });

  test('a bad argument is one sentence on stderr, no stack, exit 2', () => {
    const r = bench('synt');
    expect(r.status).toBe(BenchExit.error);
    expect(r.stderr.trim()).toBe('Unknown bench "synt": choose from core, handler, manifests, bundle, synth, or name none to run all.');
    expect(r.stdout).toBe('');
  });
});
