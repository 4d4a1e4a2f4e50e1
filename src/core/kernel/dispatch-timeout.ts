import { smallestTimeout } from '../../internal/timeouts.js';
import type { JsonMap } from '../contracts/primitives/json-value.js';
import { DEFAULT_TIMEOUT_MS, MAX_TIMER_MS } from '../limits.js';

/** The effective timeout of a dispatch, and whether the envelope deadline has already passed. */
export interface DispatchTimeout {
  /** Milliseconds the lane gets; `0` when the deadline has passed. */
  readonly timeoutMs: number;
  readonly deadlineExpired: boolean;
}

/** Inputs of {@link dispatchTimeout}, already decoded. */
export interface DispatchTimeoutInputs {
  readonly callerMs: number | undefined;
  readonly budget: JsonMap;
  /** HTTP intents only: `intent.timeouts`. */
  readonly httpTimeouts: JsonMap | undefined;
  readonly deadlineAt: string | null;
  readonly nowMs: number;
}

/**
 * The smallest positive candidate among the caller's timeout, `resolved_budget.timeout_ms`, the
 * HTTP `timeouts.request_timeout_ms` and the time left before `envelope.deadline_at`;
 * {@link DEFAULT_TIMEOUT_MS} when none is positive. Non-integer and non-positive budget values
 * are ignored, as the reference does. Unlike the reference, a deadline already in the past is
 * not ignored: it yields `deadlineExpired` and the dispatch fails as a timeout.
 *
 * @example
 * dispatchTimeout({ callerMs: undefined, budget: { timeout_ms: 1500 }, httpTimeouts: { request_timeout_ms: 750 }, deadlineAt: null, nowMs: Date.now() });
 * // { timeoutMs: 750, deadlineExpired: false }
 */
export function dispatchTimeout(inputs: DispatchTimeoutInputs): DispatchTimeout {
  const candidates: unknown[] = [
    inputs.callerMs,
    inputs.budget.timeout_ms,
    inputs.httpTimeouts?.request_timeout_ms,
  ];
  if (inputs.deadlineAt !== null) {
    const remaining = Date.parse(inputs.deadlineAt) - inputs.nowMs;
    if (Number.isFinite(remaining)) {
      if (remaining <= 0) return { timeoutMs: 0, deadlineExpired: true };
      candidates.push(Math.ceil(remaining));
    }
  }
  // Non-integer values are ignored, as the reference does; then the one smallest-timeout rule.
  const best = smallestTimeout(...candidates.filter((c): c is number => Number.isSafeInteger(c)));
  // A budget beyond the largest timer delay is the same as "no practical limit".
  const timeoutMs = typeof best === 'number' ? Math.min(best, MAX_TIMER_MS) : DEFAULT_TIMEOUT_MS;
  return { timeoutMs, deadlineExpired: false };
}
