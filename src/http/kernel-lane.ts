import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { defineKernelLane, type KernelLaneBinding } from '../core/kernel/kernel-lane.js';
import type { HttpResponseOutput } from './events.js';
import { httpLane } from './http-lane.js';
import { httpPayloadFromIntent } from './intent.js';
import type { HttpRequestPlan } from './plan.js';

/**
 * The HTTP lane bound to the kernel's `http` protocol: each `http_execution_intent.v1` and its
 * route become an `httpLane` payload through {@link httpPayloadFromIntent}; the kernel applies
 * the effective timeout. The outcome's `raw_payload` carries the reference's `status_code`
 * beside this lane's output fields (`status_text`, `headers`, `body`, `url`, `redirects`,
 * `attempts`); a 4xx/5xx stays a succeeded fact, as in the reference.
 *
 * @example
 * const kernel = createKernel({ lanes: [httpKernelLane] });
 * const { outcome } = await kernel.execute(intent, route);
 * outcome.raw_payload.status_code; // 201
 */
export const httpKernelLane: KernelLaneBinding<'http', HttpRequestPlan, HttpResponseOutput> =
  /* @__PURE__ */ defineKernelLane({
    protocol: 'http',
    lane: httpLane,
    toPayload: ({ intent, route }) => httpPayloadFromIntent(intent, route),
    toRawPayload: (output) => {
      if (output === null) return {};
      const { status, ...rest } = output;
      // The mapping never asks for bytes, so the body is text and the whole output is JSON.
      return { status_code: status, ...rest } as unknown as JsonMap;
    },
  });
