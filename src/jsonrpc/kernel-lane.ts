import { defineKernelLane, type KernelLaneBinding } from '../core/index.js';
import { jsonRpcPayloadFromIntent } from './intent.js';
import { type JsonRpcCallOutput, type JsonRpcLanePayload, jsonRpcLane } from './jsonrpc-lane.js';

/**
 * The kernel binding of {@link jsonRpcLane}: `createKernel({ lanes: [jsonRpcKernelLane] })` runs
 * `jsonrpc_execution_intent.v1` dispatches through it, mapping each plan's intent and route with
 * {@link jsonRpcPayloadFromIntent}. The outcome's `raw_payload` is the call output
 * (`{ method, response }`).
 *
 * @example
 * const kernel = createKernel({ lanes: [jsonRpcKernelLane] });
 * const { outcome } = await kernel.execute(intent, route);
 */
export const jsonRpcKernelLane: KernelLaneBinding<'jsonrpc', JsonRpcLanePayload, JsonRpcCallOutput> =
  /* @__PURE__ */ defineKernelLane({
    protocol: 'jsonrpc',
    lane: jsonRpcLane,
    toPayload: ({ intent, route }) => jsonRpcPayloadFromIntent(intent, route),
  });
