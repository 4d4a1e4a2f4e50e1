import * as z from 'zod/mini';
import { defineLane, type Lane } from '../core/index.js';
import type { WebSocketEvents, WebSocketOutput } from './events.js';
import { resolveReconnect, WebSocketOptionsSchema, WebSocketUrlSchema } from './options.js';
import { SessionRuntime } from './session-runtime.js';

/** Payload of {@link websocketLane}: JSON only, so the node can carry it. */
export const WebSocketLanePayloadSchema = z.extend(WebSocketOptionsSchema, {
  url: WebSocketUrlSchema,
  /** Messages sent once the connection opens: text, or `{ base64 }` for a binary frame. */
  send: z._default(
    z.array(z.union([z.string(), z.strictObject({ base64: z.base64() })])).check(z.maxLength(10_000)),
    [],
  ),
  /** Close with 1000 after this many inbound messages (a request/response exchange). */
  closeAfterMessages: z.optional(z.number().check(z.int(), z.minimum(1))),
  // Events cross the node as JSON: binary frames default to base64 here.
  binaryEncoding: z._default(z.enum(['bytes', 'base64']), 'base64'),
});

/** Validated {@link websocketLane} payload. */
export type WebSocketLanePayload = z.output<typeof WebSocketLanePayloadSchema>;

/**
 * The WebSocket lane for the node: connects, sends the payload's `send` messages, streams every
 * inbound message as `websocket.message` and ends when the peer closes, after
 * `closeAfterMessages` messages, on timeout or on cancel. Same close-code mapping as
 * {@link connect}; sessions have no default timeout.
 *
 * @example
 * const execution = startExecution(websocketLane, { url: 'ws://127.0.0.1:8080', send: ['ping'], closeAfterMessages: 1 });
 */
export const websocketLane: Lane<WebSocketLanePayload, WebSocketOutput, WebSocketEvents> =
  /* @__PURE__ */ defineLane<WebSocketLanePayload, WebSocketOutput, WebSocketEvents>({
    id: 'websocket',
    capabilities: { protocols: ['websocket'], surfaces: ['ws', 'wss'] },
    payloadSchema: WebSocketLanePayloadSchema,
    defaultTimeoutMs: null,
    start: (payload, context) => {
      const { url, send, closeAfterMessages, ...options } = payload;
      const runtime = new SessionRuntime(
        url,
        { ...options, reconnect: resolveReconnect(options.reconnect) },
        {
          send: send.map((item) => (typeof item === 'string' ? item : Buffer.from(item.base64, 'base64'))),
          closeAfterMessages,
        },
      );
      return runtime.run(context);
    },
  });
