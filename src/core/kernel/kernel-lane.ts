import type { JsonMap } from '../contracts/primitives/json-value.js';
import type { EventPayloadMap } from '../event.js';
import type { Lane } from '../lane.js';
import type { DispatchPlan, KernelProtocol } from './dispatch-plan.js';

/**
 * How a lane plugs into the kernel: the protocol it serves, the lane, and the mapping from a
 * dispatch plan (validated V1 intent + route) to the lane's payload. The kernel runs the lane
 * through `startExecution`, so timeouts and cancellation are the execution model's.
 *
 * @typeParam K - the protocol, which fixes the intent type `toPayload` receives
 * @typeParam P - the lane's payload
 * @typeParam O - the lane's raw output
 */
export interface KernelLaneBinding<K extends KernelProtocol = KernelProtocol, P = unknown, O = unknown> {
  readonly protocol: K;
  // biome-ignore lint/suspicious/noExplicitAny: lane event maps vary per lane and do not matter to the kernel.
  readonly lane: Lane<P, O, any>;
  /** The lane payload for a plan. Throwing here fails `kernel.execute` before any event or I/O. */
  toPayload(plan: DispatchPlan<K>): unknown;
  /**
   * The outcome's `raw_payload` for the lane's output. It must be a JSON map.
   * @defaultValue the output itself when it is a plain object, `{}` for none, else `{ output }`
   */
  toRawPayload?(output: O | null): JsonMap;
}

/**
 * Declares a kernel binding with full type inference (identity at runtime). A lane module exports
 * one; an application passes it to `createKernel({ lanes })` or `kernel.register()`.
 *
 * @example
 * export const httpKernelLane = defineKernelLane({
 *   protocol: 'http',
 *   lane: httpLane,
 *   toPayload: ({ intent, route }) => ({ url: route.resolved_target.url, body: intent.body }),
 * });
 */
export function defineKernelLane<K extends KernelProtocol, P, O, E extends EventPayloadMap>(
  binding: KernelLaneBinding<K, P, O> & { readonly lane: Lane<P, O, E> },
): KernelLaneBinding<K, P, O> {
  return binding;
}
