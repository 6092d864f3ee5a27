/**
 * The Lambda time budget: when a handler stops starting new attempts, so that it can still
 * report a failure to the Provider framework before the function times out.
 */
import type { LambdaContextLike } from './events';

/** Time kept back from the Lambda timeout to report a failure cleanly. */
export const SAFETY_MARGIN_MS = 15_000;
/** The budget assumed without a Lambda context (tests, a direct call). */
export const DEFAULT_BUDGET_MS = 4 * 60_000;
/** The least time given to the work, however little of the budget is left. */
export const MIN_WORK_MS = 5_000;

/**
 * Epoch ms after which no new attempt starts: now plus the remaining time less the safety
 * margin, and never less than MIN_WORK_MS from now.
 */
export function workDeadline(context: LambdaContextLike | undefined, now: () => number): number {
  const budget = context?.getRemainingTimeInMillis?.() ?? DEFAULT_BUDGET_MS;
  return now() + Math.max(budget - SAFETY_MARGIN_MS, MIN_WORK_MS);
}
