import type { ReconnectPolicy } from './options.js';

/**
 * Delay before reconnect attempt `attempt` (from 1): exponential growth capped at `maxDelayMs`,
 * with "equal jitter" — half fixed, half random — so a fleet of clients dropped together does not
 * reconnect in lockstep.
 *
 * @example
 * reconnectDelayMs({ initialDelayMs: 500, factor: 2, maxDelayMs: 30_000 }, 3, () => 1); // 2000
 */
export function reconnectDelayMs(
  policy: Pick<ReconnectPolicy, 'initialDelayMs' | 'factor' | 'maxDelayMs'>,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * random());
}
