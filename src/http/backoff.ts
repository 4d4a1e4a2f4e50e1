/** Exponential backoff settings. */
export interface BackoffPolicy {
  /** Delay before the first retry; doubled for each further one. */
  readonly initialDelayMs: number;
  /** Upper bound of any delay. */
  readonly maxDelayMs: number;
  /** Full jitter: a uniformly random delay between 0 and the exponential one. */
  readonly jitter: boolean;
}

/**
 * Delay before retry number `retry` (1 for the first retry): `initialDelayMs × 2^(retry−1)`,
 * capped at `maxDelayMs`, then jittered. Full jitter spreads clients that failed together so
 * they do not return together.
 *
 * @example
 * backoffDelay(3, { initialDelayMs: 500, maxDelayMs: 10_000, jitter: false }); // 2000
 */
export function backoffDelay(
  retry: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
  return policy.jitter ? Math.floor(random() * exponential) : exponential;
}
