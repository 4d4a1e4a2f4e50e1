import * as z from 'zod/mini';
import { defineLane, type Lane, type LaneContext, type LaneResult } from '../core/index.js';
import { createJsonRpcConnection, type JsonRpcConnection } from './connection.js';
import type { JsonRpcEvents } from './events.js';
import { openTarget, type TargetPorts } from './open-target.js';
import { isJsonRpcRemoteError } from './remote-error.js';
import { JsonRpcTargetSchema } from './target.js';

/** Payload of {@link jsonRpcLane}: one request to one peer (JSON, so the node can carry it). */
export const JsonRpcLanePayloadSchema = z.strictObject({
  target: JsonRpcTargetSchema,
  method: z.string().check(z.minLength(1)),
  params: z.optional(z.unknown()),
  /** @defaultValue `'lsp'` */
  dialect: z._default(z.enum(['lsp', 'mcp']), 'lsp'),
});

/** A validated {@link jsonRpcLane} payload. */
export type JsonRpcLanePayload = z.output<typeof JsonRpcLanePayloadSchema>;

/** Payload of `jsonrpc.request`: the call was sent. */
export interface JsonRpcRequestPayload {
  readonly method: string;
  readonly id: number;
}

/** Payload of `jsonrpc.response`: the response arrived (`ok: false` for an error response). */
export interface JsonRpcResponsePayload {
  readonly id: number;
  readonly ok: boolean;
}

/** Events of a unary call: the connection's events plus the request and its response. */
export interface JsonRpcCallEvents extends JsonRpcEvents {
  'jsonrpc.request': JsonRpcRequestPayload;
  'jsonrpc.response': JsonRpcResponsePayload;
}

/** Output of a unary call: the response exactly as the wire would carry it. */
export interface JsonRpcCallOutput {
  readonly method: string;
  readonly response:
    | { readonly jsonrpc: '2.0'; readonly id: number; readonly result: unknown }
    | {
        readonly jsonrpc: '2.0';
        readonly id: number;
        readonly error: { code: number; message: string; data?: unknown };
      };
}

// A fresh connection's first request always gets id 0.
const FIRST_ID = 0;

async function runCall(
  payload: JsonRpcLanePayload,
  context: LaneContext<JsonRpcCallEvents>,
  ports: TargetPorts,
): Promise<LaneResult<JsonRpcCallOutput>> {
  const channel = await openTarget(payload.target, context.signal, ports);
  const rpc = createJsonRpcConnection(channel, { dialect: payload.dialect, requestTimeoutMs: null });
  const forwarding = forward(rpc, context);
  try {
    const sent = context.emit('jsonrpc.request', { method: payload.method, id: FIRST_ID });
    if (sent) await sent;
    const result = await rpc.request(payload.method, payload.params, { signal: context.signal });
    const received = context.emit('jsonrpc.response', { id: FIRST_ID, ok: true });
    if (received) await received;
    return {
      output: { method: payload.method, response: { jsonrpc: '2.0', id: FIRST_ID, result: result ?? null } },
    };
  } catch (error) {
    if (!isJsonRpcRemoteError(error)) throw error;
    const received = context.emit('jsonrpc.response', { id: FIRST_ID, ok: false });
    if (received) await received;
    // An error response is a fact of the call, kept in the output; the status says it failed.
    return {
      output: { method: payload.method, response: { jsonrpc: '2.0', id: FIRST_ID, error: error.toJSON() } },
      failure: {
        failure_class: 'semantic_runtime_failed',
        reason: 'jsonrpc response returned an error',
        details: { code: error.code, message: error.message },
      },
    };
  } finally {
    await rpc.close();
    await forwarding;
  }
}

// Peer notifications and diagnostics seen during the call become events of the call.
async function forward(rpc: JsonRpcConnection, context: LaneContext<JsonRpcCallEvents>): Promise<void> {
  for await (const event of rpc) {
    if (event.event_type === 'jsonrpc.notification' || event.event_type === 'jsonrpc.diagnostic') {
      const wait = context.emit(event.event_type, event.payload as never);
      if (wait) await wait;
    }
  }
}

/**
 * Creates the JSON-RPC lane: it opens a channel to the payload's target (a process over stdio or
 * a WebSocket), sends one request, and closes. An error response ends `failed` /
 * `semantic_runtime_failed` with the response kept in the output; local failures (spawn, drop,
 * timeout) are the matching failure classes. Process targets need `spawn` from
 * `execution-plane/process` (injected so this subpath never loads the process lane); without it
 * they fail as `placement_unavailable` (`NOT_SUPPORTED`).
 *
 * @example
 * import { spawn } from 'execution-plane/process';
 * const lane = createJsonRpcLane({ spawn });
 * startExecution(lane, { target: { kind: 'process', command: 'my-server' }, method: 'ping' });
 */
export function createJsonRpcLane(
  ports: TargetPorts = {},
): Lane<JsonRpcLanePayload, JsonRpcCallOutput, JsonRpcCallEvents> {
  return defineLane<JsonRpcLanePayload, JsonRpcCallOutput, JsonRpcCallEvents>({
    id: 'jsonrpc',
    capabilities: {
      protocols: ['jsonrpc'],
      surfaces: ports.spawn ? ['stdio', 'websocket'] : ['websocket'],
    },
    payloadSchema: JsonRpcLanePayloadSchema,
    start: (payload, context) => runCall(payload, context, ports),
  });
}

/**
 * The JSON-RPC lane without a spawner: WebSocket targets only (process targets fail as
 * `placement_unavailable`). Use {@link createJsonRpcLane} with `spawn` for stdio peers.
 *
 * @example
 * startExecution(jsonRpcLane, { target: { kind: 'websocket', url: 'ws://127.0.0.1:8080' }, method: 'ping' });
 */
export const jsonRpcLane: Lane<JsonRpcLanePayload, JsonRpcCallOutput, JsonRpcCallEvents> =
  /* @__PURE__ */ createJsonRpcLane();
