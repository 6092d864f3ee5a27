import { DEFAULT_BUDGET_MS, MIN_WORK_MS, SAFETY_MARGIN_MS, workDeadline } from '../../../lambda/edge/budget';

const NOW = 1_000_000;

describe('workDeadline', () => {
  test.each([
    ['a Lambda context with 5 minutes left', { getRemainingTimeInMillis: () => 300_000 }, NOW + 300_000 - SAFETY_MARGIN_MS],
    ['a context whose time is nearly spent gets the minimum', { getRemainingTimeInMillis: () => 16_000 }, NOW + MIN_WORK_MS],
    ['exactly the margin plus the minimum', { getRemainingTimeInMillis: () => SAFETY_MARGIN_MS + MIN_WORK_MS }, NOW + MIN_WORK_MS],
    ['a context without the method', {}, NOW + DEFAULT_BUDGET_MS - SAFETY_MARGIN_MS],
    ['no context (a direct call)', undefined, NOW + DEFAULT_BUDGET_MS - SAFETY_MARGIN_MS],
  ])('%s', (_name, context, expected) => {
    expect(workDeadline(context, () => NOW)).toBe(expected);
  });

  test('the figures the handler relies on', () => {
    expect([SAFETY_MARGIN_MS, DEFAULT_BUDGET_MS, MIN_WORK_MS]).toEqual([15_000, 240_000, 5_000]);
  });
});
