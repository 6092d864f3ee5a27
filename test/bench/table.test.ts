import { judge, summaryLine, TABLE_HEADER, tableLine } from '../../bench/table';
import { atMost, BASELINE, exactly, MACHINE_DEPENDENT } from '../../bench/target';
import type { BenchRow } from '../../bench/types';
import { RATIO_UNIT } from '../../bench/types';

const ROWS: BenchRow[] = [
  { name: 'baseline: minimal app', value: 3.4, unit: 's', target: BASELINE, detail: 'median 3.4 s (min 3.3, max 3.6, 5 runs)' },
  { name: 'whole app, absolute', value: 6.6, unit: 's', target: MACHINE_DEPENDENT },
  { name: 'whole app', value: 1.94, unit: RATIO_UNIT, target: atMost(2.6) },
  { name: 'bundle | with SDK', value: 1200, unit: 'KB', target: atMost(1000) },
  { name: 'no-op requests', value: '1 read, 1 write', unit: '', target: exactly('1 read, 0 writes') },
];

describe('judge', () => {
  test('marks each row and counts only rows with a target', () => {
    const result = judge(ROWS);
    expect(result.rows.map((r) => r.mark)).toEqual(['info', 'info', 'ok', 'MISS', 'MISS']);
    expect(result.judged).toBe(3);
    expect(result.misses.map((r) => r.name)).toEqual(['bundle | with SDK', 'no-op requests']);
  });
});

describe('tableLine', () => {
  test('columns are the figure, its target, its mark and the detail', () => {
    const [baseline, absolute, ratio] = judge(ROWS).rows;
    expect(TABLE_HEADER[0]).toBe('| bench | value | target | mark | detail |');
    expect(tableLine(baseline)).toBe('| baseline: minimal app | 3.4 s | none (same-run baseline) | info | median 3.4 s (min 3.3, max 3.6, 5 runs) |');
    expect(tableLine(absolute)).toBe('| whole app, absolute | 6.6 s | none (machine-dependent, information only) | info |  |');
    expect(tableLine(ratio)).toBe('| whole app | 1.94 x baseline | <= 2.6 x baseline | ok |  |');
  });

  test('a miss is bold, and a pipe in a name does not break the table', () => {
    expect(tableLine(judge(ROWS).rows[3])).toBe('| bundle \\| with SDK | 1200 KB | <= 1000 KB | **MISS** |  |');
  });
});

describe('summaryLine', () => {
  test('counts the targets when all are met', () => {
    expect(summaryLine(judge(ROWS.slice(0, 3)))).toBe('bench: all 1 targets met');
  });

  test('starts with MISS and names each miss with its value and target', () => {
    expect(summaryLine(judge(ROWS))).toBe(
      'bench: MISS 2 of 3 targets: bundle | with SDK (1200 KB, target <= 1000 KB); no-op requests (1 read, 1 write, target 1 read, 0 writes)',
    );
  });
});
