import { defineKernelLane, type KernelLaneBinding } from '../core/index.js';
import { jsonRpcPayloadFromIntent } from './intent.js';
import { createJsonRpcLane, type JsonRpcCallOutput, type JsonRpcLanePayload } from './jsonrpc-lane.js';
import type { TargetPorts } from './open-target.js';

/**
 * The kernel binding of the JSON-RPC lane: `createKernel({ lanes: [createJsonRpcKernelLane({ spawn })] })`
 * runs `jsonrpc_execution_intent.v1` dispatches through it, mapping each plan's intent and route
 * with {@link jsonRpcPayloadFromIntent}. The outcome's `raw_payload` is the call output
 * (`{ method, response }`). Without `spawn`, stdio dispatches fail as `placement_unavailable`.
 *
 * @example
 * import { spawn } from 'execution-plane/process';
 * const kernel = createKernel({ lanes: [createJsonRpcKernelLane({ spawn })] });
 * const { outcome } = await kernel.execute(intent, route);
 */
export function createJsonRpcKernelLane(
  ports: TargetPorts = {},
): KernelLaneBinding<'jsonrpc', JsonRpcLanePayload, JsonRpcCallOutput> {
  return defineKernelLane({
    protocol: 'jsonrpc',
    lane: createJsonRpcLane(ports),
    toPayload: ({ intent, route }) => jsonRpcPayloadFromIntent(intent, route),
  });
}

/** {@link createJsonRpcKernelLane} without a spawner (WebSocket bindings only). */
export const jsonRpcKernelLane: KernelLaneBinding<'jsonrpc', JsonRpcLanePayload, JsonRpcCallOutput> =
  /* @__PURE__ */ createJsonRpcKernelLane();
