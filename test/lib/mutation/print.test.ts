/**
 * The score table of a report with the committed equivalent mutants: one list per area, every
 * entry with a reason, a stale entry warned about, --strict failing on a miss.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EQUIVALENTS_DIR, printScores, readEquivalents } from '../../../lib/mutation/print';

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-print-')); });
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const m = (status: string, line: number) => ({ status, mutatorName: 'EqualityOperator', location: { start: { line, column: 3 } } });

function write(rel: string, value: unknown): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), JSON.stringify(value));
}

test('equivalents of every area file count; a stale one is warned about; --strict exits 1 on a miss only', () => {
  write('r.json', { files: { 'a.ts': { mutants: [...Array.from({ length: 8 }, (_, i) => m('Killed', i + 1)), m('Survived', 9), m('Survived', 10)] } } });
  write(`${EQUIVALENTS_DIR}/one.json`, [{ file: 'a.ts', line: 9, column: 3, mutator: 'EqualityOperator', reason: 'x >= 0 and x > 0 agree: x is never 0 here' }]);
  write(`${EQUIVALENTS_DIR}/two.json`, [{ file: 'a.ts', line: 44, column: 3, mutator: 'EqualityOperator', reason: 'a line that moved since' }]);
  const lines: string[] = [];
  expect(printScores(root, 'r.json', true, (l) => lines.push(l))).toBe(0);
  expect(lines).toContain('| a.ts | 90.0% | >= 90% | ok | 8 | 0 | 1 | 1 | 0 | 0 |');
  expect(lines).toContain(`warning: ${EQUIVALENTS_DIR} lists a.ts:44:3 EqualityOperator, which is no survivor of this report; remove it or update it`);
  fs.rmSync(path.join(root, EQUIVALENTS_DIR, 'one.json'));
  expect(printScores(root, 'r.json', true, () => undefined)).toBe(1);
  expect(printScores(root, 'r.json', false, () => undefined)).toBe(0);
});

test('an entry without a real reason, or a list that is no array, is an error naming it', () => {
  write(`${EQUIVALENTS_DIR}/a.json`, [{ file: 'a.ts', line: 9, column: 3, mutator: 'EqualityOperator', reason: ' ' }]);
  expect(() => readEquivalents(path.join(root, EQUIVALENTS_DIR))).toThrow(`${EQUIVALENTS_DIR}/a.json: a.ts:9:3 EqualityOperator has no reason; say why no test can tell the mutant from the code`);
  write(`${EQUIVALENTS_DIR}/a.json`, { file: 'a.ts' });
  expect(() => readEquivalents(path.join(root, EQUIVALENTS_DIR))).toThrow(`${EQUIVALENTS_DIR}/a.json must be a JSON array`);
});

test('no list folder, no equivalents; no report, an error with the fix', () => {
  expect(readEquivalents(path.join(root, 'none'))).toEqual([]);
  expect(() => printScores(root, 'missing.json', false)).toThrow('no mutation report at missing.json; run npm run mutation first');
});
