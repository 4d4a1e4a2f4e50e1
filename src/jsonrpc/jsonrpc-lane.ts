import * as z from 'zod/mini';
import { defineLane } from '../core/define-lane.js';
import type { Lane, LaneContext, LaneResult } from '../core/lane.js';
import { createRedactor, type Redactor } from '../internal/redact.js';
import {
  credentialFlagValues,
  credentialValues,
  secretsOption,
  withRedaction,
} from '../internal/redact-lane.js';
import { withReferenceWire } from '../internal/reference-wire.js';
import { createJsonRpcConnection, type JsonRpcConnection } from './connection.js';
import type { JsonRpcEvents } from './events.js';
import { openTarget, type SpawnFunction, spawnMissing } from './open-target.js';
import { jsonRpcReferenceWire } from './reference-payload.js';
import { isJsonRpcRemoteError } from './remote-error.js';
import { JsonRpcTargetSchema } from './target.js';

/**
 * Input of {@link jsonRpcLane}: one request to one peer (JSON, so the node can carry it), plus
 * `spawn` when `call()` passes one for process targets.
 */
export const JsonRpcCallSchema = z.strictObject({
  target: JsonRpcTargetSchema,
  method: z.string().check(z.minLength(1)),
  params: z.optional(z.unknown()),
  dialect: z._default(z.enum(['lsp', 'mcp']), 'lsp'),
  spawn: z.optional(z.custom<SpawnFunction>((value) => typeof value === 'function', 'a function')),
  secrets: secretsOption(),
});

/** What {@link jsonRpcLane} takes: {@link JsonRpcCallSchema}'s input. */
export type JsonRpcLaneInput = z.input<typeof JsonRpcCallSchema>;

/** The plan of one call: {@link JsonRpcCallSchema}'s output. */
export type JsonRpcLanePayload = z.output<typeof JsonRpcCallSchema>;

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
): Promise<LaneResult<JsonRpcCallOutput>> {
  const channel = await openTarget(payload.target, context.signal, payload.spawn);
  const rpc = createJsonRpcConnection(channel, {
    dialect: payload.dialect,
    requestTimeoutMs: null,
    secrets: payload.secrets,
  });
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
        reason: `jsonrpc response returned an error: ${error.message}`,
        details: { rpc_code: error.code, message: error.message },
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
 * The JSON-RPC lane (the node registers it; `call()` runs it): opens a channel to the input's
 * target (a WebSocket, or a process over stdio when `spawn` is given), sends one request, and
 * closes. An error response ends `failed` / `semantic_runtime_failed` with the response kept in
 * the output; local failures (spawn, drop, timeout) are the matching failure classes. A process
 * target without `spawn` fails as `placement_unavailable` (`NOT_SUPPORTED`): `spawn` is injected
 * so this subpath never loads the process lane.
 *
 * @example
 * // doc-test: no-run — a lane is run by a node
 * node.registerLane(jsonRpcLane);
 */
export const jsonRpcLane: Lane<JsonRpcLanePayload, JsonRpcCallOutput, JsonRpcCallEvents> =
  /* @__PURE__ */ withReferenceWire(
    withRedaction(
      defineLane<JsonRpcLanePayload, JsonRpcCallOutput, JsonRpcCallEvents>({
        id: 'jsonrpc',
        capabilities: { protocols: ['jsonrpc'], surfaces: ['stdio', 'websocket'] },
        input: JsonRpcCallSchema,
        start: runCall,
      }),
      callRedactor,
    ),
    jsonRpcReferenceWire,
  );

// The caller's secrets, plus what the target holds under credential-looking names.
function callRedactor(plan: JsonRpcLanePayload): Redactor {
  const { target } = plan;
  const named =
    target.kind === 'process'
      ? [...credentialValues(target.env), ...credentialFlagValues(target.args)]
      : credentialValues(target.headers, urlOf(target.url));
  return createRedactor({ secrets: [...(plan.secrets ?? []), ...named] });
}

function urlOf(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * {@link jsonRpcLane} with `spawn` injected (the kernel binding), or — without `spawn` — requiring
 * it in the input for process targets, refused in `plan` before any I/O (`call()`).
 */
export function jsonRpcLaneWith(
  spawn?: SpawnFunction,
): Lane<JsonRpcLanePayload, JsonRpcCallOutput, JsonRpcCallEvents> {
  return {
    ...jsonRpcLane,
    plan: (input, entry) => {
      const plan = jsonRpcLane.plan(input, entry);
      const withSpawn = spawn && !plan.spawn ? { ...plan, spawn } : plan;
      if (withSpawn.target.kind === 'process' && !withSpawn.spawn) throw spawnMissing();
      return withSpawn;
    },
  };
}
