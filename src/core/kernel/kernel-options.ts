import * as z from 'zod/mini';
import { describeValue } from '../../internal/describe-value.js';
import type { ExecutionEventV1 } from '../contracts/v1/execution-event-v1.js';
import { invalidOptions } from '../errors.js';
import { MAX_TIMER_MS } from '../limits.js';
import { parseOptions } from '../parse-options.js';

/** Options of `buildDispatchPlan`. */
export interface DispatchPlanOptions {
  /** The caller's timeout; the smallest positive candidate wins (see `buildDispatchPlan`). */
  readonly timeoutMs?: number | undefined;
  /** The clock used for the deadline and event timestamps: epoch ms, a Date, or a function of either. */
  readonly now?: (() => number | Date) | number | Date | undefined;
}

/** Options of `kernel.execute`. */
export interface KernelExecuteOptions extends DispatchPlanOptions {
  /** Called synchronously with each V1 event as it is made (`dispatch.started`, then the terminal one). */
  readonly emit?: ((event: ExecutionEventV1) => void) | undefined;
  /** Aborting it cancels the lane's execution (the outcome fails with `cancellation`). */
  readonly signal?: AbortSignal | undefined;
}

/** Validated kernel options. */
export interface ResolvedKernelOptions {
  readonly timeoutMs: number | undefined;
  readonly now: () => number;
  readonly emit: ((event: ExecutionEventV1) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

const isFunction = (value: unknown) => typeof value === 'function';

const KernelOptionsSchema = z.lazy(() =>
  z.strictObject({
    timeoutMs: z.optional(
      z.int(`a positive integer up to ${MAX_TIMER_MS}`).check(z.minimum(1), z.maximum(MAX_TIMER_MS)),
    ),
    now: z.optional(
      z.custom<DispatchPlanOptions['now']>(
        (v) => isFunction(v) || v instanceof Date || (typeof v === 'number' && Number.isFinite(v)),
        'epoch ms, a Date or a function',
      ),
    ),
    emit: z.optional(z.custom<KernelExecuteOptions['emit']>(isFunction, 'a function')),
    signal: z.optional(z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'an AbortSignal')),
  }),
);

/** Validates kernel options before any I/O (`INVALID_OPTIONS` naming the option). */
export function resolveKernelOptions(options: unknown, entry: string): ResolvedKernelOptions {
  const o = parseOptions(KernelOptionsSchema, options ?? {}, entry);
  return { timeoutMs: o.timeoutMs, now: clock(o.now, entry), emit: o.emit, signal: o.signal };
}

function clock(now: DispatchPlanOptions['now'], entry: string): () => number {
  if (now === undefined) return Date.now;
  if (typeof now !== 'function') {
    const fixed = now instanceof Date ? now.getTime() : now;
    return () => fixed;
  }
  return () => {
    const value = now();
    const ms = value instanceof Date ? value.getTime() : value;
    if (typeof ms === 'number' && Number.isFinite(ms)) return ms;
    throw invalidOptions('now', 'a function returning epoch ms or a Date', describeValue(value), entry);
  };
}
