/** One exponential backoff policy, shared by HTTP retries, SSE and WebSocket reconnects. */
export interface Backoff {
  /** Delay before the first retry, in milliseconds. */
  readonly initialDelayMs: number;
  /** Upper bound of any delay, in milliseconds. */
  readonly maxDelayMs: number;
  /** Growth per further attempt. @defaultValue 2 */
  readonly factor?: number | undefined;
  /** Equal jitter (half fixed, half random); `false` for exact delays. @defaultValue true */
  readonly jitter?: boolean | undefined;
}

/**
 * Delay before attempt `attempt` (1 for the first retry): `initialDelayMs × factor^(attempt−1)`,
 * capped at `maxDelayMs`, with equal jitter — half the delay fixed, half random — so clients that
 * failed together do not return together, yet never come back sooner than half the delay (a
 * floor that full jitter lacks, and that stops reconnect storms).
 *
 * @example
 * backoffDelay(3, { initialDelayMs: 500, maxDelayMs: 10_000, jitter: false }); // 2000
 */
export function backoffDelay(attempt: number, policy: Backoff, random: () => number = Math.random): number {
  const exponential = policy.initialDelayMs * (policy.factor ?? 2) ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return policy.jitter === false ? capped : Math.round(capped / 2 + (capped / 2) * random());
}
