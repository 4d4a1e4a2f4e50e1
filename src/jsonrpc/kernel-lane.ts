import { defineKernelLane, type KernelLaneBinding } from '../core/kernel/kernel-lane.js';
import { jsonRpcPayloadFromIntent } from './intent.js';
import {
  type JsonRpcCallOutput,
  type JsonRpcLanePayload,
  jsonRpcLane,
  jsonRpcLaneWith,
} from './jsonrpc-lane.js';
import type { SpawnFunction } from './open-target.js';

/**
 * The kernel binding of the JSON-RPC lane: `createKernel({ lanes: [createJsonRpcKernelLane(spawn)] })`
 * runs `jsonrpc_execution_intent.v1` dispatches through it, mapping each plan's intent and route
 * with {@link jsonRpcPayloadFromIntent}. The outcome's `raw_payload` is the call output
 * (`{ method, response }`). Without `spawn`, stdio dispatches fail as `placement_unavailable`.
 * Not exported from the subpath (internal to the kernel tests for now).
 *
 * @example
 * const kernel = createKernel({ lanes: [createJsonRpcKernelLane(spawn)] });
 */
export function createJsonRpcKernelLane(
  spawn?: SpawnFunction,
): KernelLaneBinding<'jsonrpc', JsonRpcLanePayload, JsonRpcCallOutput> {
  return defineKernelLane({
    protocol: 'jsonrpc',
    lane: spawn ? jsonRpcLaneWith(spawn) : jsonRpcLane,
    toPayload: ({ intent, route }) => jsonRpcPayloadFromIntent(intent, route),
  });
}

/** {@link createJsonRpcKernelLane} without a spawner (WebSocket bindings only). */
export const jsonRpcKernelLane: KernelLaneBinding<'jsonrpc', JsonRpcLanePayload, JsonRpcCallOutput> =
  /* @__PURE__ */ createJsonRpcKernelLane();
