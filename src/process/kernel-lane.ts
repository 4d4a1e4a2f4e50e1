import { defineKernelLane, type KernelLaneBinding } from '../core/kernel/kernel-lane.js';
import type { ProcessOutput } from './events.js';
import { processPayloadFromIntent } from './intent.js';
import type { ProcessPlan } from './plan.js';
import { processLane } from './process-lane.js';

/**
 * The process lane bound to the kernel's `process` protocol: each `process_execution_intent.v1`
 * and its route become a `processLane` payload through {@link processPayloadFromIntent}; the
 * kernel applies the route's effective timeout and reports the output as the raw payload.
 *
 * @example
 * const kernel = createKernel({ lanes: [processKernelLane] });
 * const { outcome } = await kernel.execute(intent, route);
 */
export const processKernelLane: KernelLaneBinding<'process', ProcessPlan, ProcessOutput> =
  /* @__PURE__ */ defineKernelLane({
    protocol: 'process',
    lane: processLane,
    toPayload: ({ intent, route }) => processPayloadFromIntent(intent, route),
  });
