import * as z from 'zod/mini';
import { defineLane } from '../core/define-lane.js';
import type { Lane } from '../core/lane.js';
import { fromBase64 } from '../internal/base64.js';
import { count } from '../internal/option-schemas.js';
import { withRedaction } from '../internal/redact-lane.js';
import { withReferenceWire } from '../internal/reference-wire.js';
import type { WebSocketEvents, WebSocketOutput } from './events.js';
import { SessionPlanSchema } from './options.js';
import { websocketRedactor } from './redaction.js';
import { websocketReferenceWire } from './reference-payload.js';
import { SessionRuntime } from './session-runtime.js';

const WebSocketLaneInputSchema = z.extend(SessionPlanSchema, {
  send: z._default(
    z.array(z.union([z.string(), z.strictObject({ base64: z.base64() })])).check(z.maxLength(10_000)),
    [],
  ),
  closeAfterMessages: z.optional(count(Number.MAX_SAFE_INTEGER, 1)),
  // Events cross the node as JSON: binary frames default to base64 here.
  binaryEncoding: z._default(z.enum(['bytes', 'base64']), 'base64'),
});

/**
 * Input of {@link websocketLane} (JSON, so the node can carry it): the URL, any `connect()` option,
 * `send` (messages sent once the connection opens: text, or `{ base64 }` for a binary frame) and
 * `closeAfterMessages` (close with 1000 after this many inbound messages). `binaryEncoding`
 * defaults to `'base64'` here.
 */
export type WebSocketLaneInput = z.input<typeof WebSocketLaneInputSchema>;

type WebSocketLanePlan = z.output<typeof WebSocketLaneInputSchema>;

/**
 * The WebSocket lane for the node: connects, sends the input's `send` messages, streams every
 * inbound message as `websocket.message` and ends when the peer closes, after
 * `closeAfterMessages` messages, on timeout or on cancel. Same close-code mapping as `connect()`;
 * sessions have no default timeout.
 *
 * @example
 * // doc-test: no-run — a lane is run by a node or startExecution
 * node.registerLane(websocketLane);
 */
export const websocketLane: Lane<WebSocketLanePlan, WebSocketOutput, WebSocketEvents> =
  /* @__PURE__ */ withReferenceWire(
    withRedaction(
      defineLane<WebSocketLanePlan, WebSocketOutput, WebSocketEvents>({
        id: 'websocket',
        capabilities: { protocols: ['websocket'], surfaces: ['ws', 'wss'] },
        input: WebSocketLaneInputSchema,
        defaultTimeoutMs: null,
        start: ({ send, closeAfterMessages, ...plan }, context) => {
          const script = {
            send: send.map((item) => (typeof item === 'string' ? item : fromBase64(item.base64))),
            closeAfterMessages,
          };
          return new SessionRuntime(plan, script).run(context);
        },
      }),
      websocketRedactor,
    ),
    websocketReferenceWire,
  );
