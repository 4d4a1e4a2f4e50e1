import type { RuntimeCallOptions } from '../core/contracts/boundary/boundary-interfaces.js';
import { MAX_TIMER_MS } from '../core/limits.js';
import { nearestKey } from '../core/suggest-key.js';
import { describeValue } from '../internal/describe-value.js';

/** Call options after validation, or what is wrong with them. */
export type CheckedCallOptions =
  | {
      readonly ok: true;
      readonly signal: AbortSignal | undefined;
      readonly timeoutMs: number | null | undefined;
    }
  | { readonly ok: false; readonly message: string };

// The common call has no options: one frozen answer for all of them.
const NO_OPTIONS: CheckedCallOptions = Object.freeze({ ok: true, signal: undefined, timeoutMs: undefined });

/**
 * Validates `execute`/`stream` call options. A node never throws at its callers, so a bad option
 * comes back as an `invalid_request` rejection naming the option.
 */
export function checkCallOptions(options: RuntimeCallOptions | undefined): CheckedCallOptions {
  if (options === undefined) return NO_OPTIONS;
  if (typeof options !== 'object' || options === null) {
    return { ok: false, message: `Invalid call options: expected an object, got ${describeValue(options)}` };
  }
  for (const key of Object.keys(options)) {
    if (key !== 'signal' && key !== 'timeoutMs') {
      const near = nearestKey(key, ['signal', 'timeoutMs']);
      const hint = near ? ` (did you mean \`${near}\`?)` : '';
      return {
        ok: false,
        message: `Invalid option \`${key}\`: expected a known option, got an unknown key${hint}`,
      };
    }
  }
  const { signal, timeoutMs } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    return {
      ok: false,
      message: `Invalid option \`signal\`: expected an AbortSignal, got ${describeValue(signal)}`,
    };
  }
  if (
    timeoutMs !== undefined &&
    timeoutMs !== null &&
    !(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)
  ) {
    return {
      ok: false,
      message: `Invalid option \`timeoutMs\`: expected a positive integer up to ${MAX_TIMER_MS} or null, got ${describeValue(timeoutMs)}`,
    };
  }
  return { ok: true, signal, timeoutMs };
}
