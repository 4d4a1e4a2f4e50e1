import type { ExecutionError } from '../core/index.js';
import { backoffDelay } from '../internal/backoff.js';
import type { HeaderRecord } from '../internal/http/headers.js';
import { parseRetryAfter } from '../internal/http/retry-after.js';
import { isRetryableErrno } from '../internal/http/transport-error.js';
import type { RetryPlan } from './plan.js';

/** Whether to make another attempt, and after how long. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly retryAfterMs: number | null }
  | { readonly retry: false };

/** What every retry decision needs to know about the request so far. */
export interface RetryState {
  readonly plan: RetryPlan;
  readonly method: string;
  /** Retries already made. */
  readonly retries: number;
  /** False for a one-shot stream body. */
  readonly replayable: boolean;
  /** Epoch ms the execution times out, or null. */
  readonly deadline: number | null;
  readonly random?: () => number;
}

const NO: RetryDecision = { retry: false };

/**
 * Decides on a response status: retried when the status and method are in the policy, budget is
 * left, and the server's Retry-After (if any) is within `maxRetryAfterMs` — a longer wait ends
 * retrying and the response is returned as it is.
 */
export function decideStatusRetry(status: number, headers: HeaderRecord, state: RetryState): RetryDecision {
  if (!state.plan.statusCodes.has(status) || !state.plan.methods.has(state.method)) return NO;
  const retryAfter = parseRetryAfter((name) => headers[name], Date.now());
  if (retryAfter !== undefined && retryAfter > state.plan.maxRetryAfterMs) return NO;
  return schedule(state, retryAfter);
}

/**
 * Decides on a failed attempt: network errors with a retryable code and (with `onTimeout`)
 * connect/headers/idle timeouts. A request that never reached the server (DNS, connect) is
 * retried whatever its method; others only for the policy's methods.
 */
export function decideErrorRetry(error: ExecutionError, state: RetryState): RetryDecision {
  const phase = error.details.phase;
  const unsent = phase === 'dns' || phase === 'connect';
  if (!unsent && !state.plan.methods.has(state.method)) return NO;
  if (error.failureClass === 'timeout') {
    return state.plan.onTimeout ? schedule(state, undefined) : NO;
  }
  if (error.failureClass === 'transport_failed' && isRetryableErrno(error.details.errno)) {
    return schedule(state, undefined);
  }
  return NO;
}

function schedule(state: RetryState, retryAfter: number | undefined): RetryDecision {
  if (state.retries >= state.plan.maxRetries || !state.replayable) return NO;
  const delayMs = retryAfter ?? backoffDelay(state.retries + 1, state.plan.backoff, state.random);
  // A wait that outlives the execution would only end in a timeout: give up with what we have.
  if (state.deadline !== null && Date.now() + delayMs >= state.deadline) return NO;
  return { retry: true, delayMs, retryAfterMs: retryAfter ?? null };
}
