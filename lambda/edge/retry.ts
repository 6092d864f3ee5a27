/**
 * Full-jitter exponential backoff bounded by attempts and a wall-clock deadline
 * (the AWS Architecture Blog "Exponential Backoff and Jitter" scheme).
 */

/** Retry bounds. */
export interface RetryPolicy {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Defaults: 6 attempts, 200 ms base, 5 s cap. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 5000 };

/**
 * Delay before retry number `attempt` (1 = first retry): uniform in
 * [0, min(max, base * 2^(attempt-1))), never below `atLeastMs` (a server's Retry-After).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number, atLeastMs = 0): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(Math.floor(random() * ceiling), atLeastMs);
}

/** Default sleep. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
