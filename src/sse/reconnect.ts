import { backoffDelay } from '../internal/backoff.js';
import type { ReconnectPlan } from './plan-stream.js';

/**
 * True for statuses worth reconnecting after: 408, 429 and 5xx. Other 4xx are final.
 *
 * @example
 * isRetryableStatus(401); // false
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Delay before reconnect number `failures` in a row (1 for the first): the server's `retry:`
 * when it sent one and `useServerRetry` is on, else the initial delay doubled per failure in a
 * row, capped at `maxDelayMs`, with the shared backoff's equal jitter.
 *
 * @example
 * reconnectDelay(1, plan.reconnect, 3_000); // 3000: the server's retry: field, as EventSource does
 */
export function reconnectDelay(
  failures: number,
  policy: ReconnectPlan,
  serverRetryMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (serverRetryMs !== undefined && policy.useServerRetry) {
    return Math.min(policy.maxDelayMs, serverRetryMs * 2 ** Math.max(0, failures - 1));
  }
  return backoffDelay(failures, policy, random);
}
