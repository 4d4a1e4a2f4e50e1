import type { ExecutionOptions } from '../core/execution-options.js';
import type { Lane } from '../core/lane.js';
import { fromBase64 } from '../internal/base64.js';
import { checkInt, checkString, readArray, readObject } from '../internal/option-checks.js';
import { withRedaction } from '../internal/redact-lane.js';
import { withReferenceWire } from '../internal/reference-wire.js';
import type { WebSocketEvents, WebSocketOutput } from './events.js';
import { websocketCapabilities } from './lane-capabilities.js';
import type { ConnectOptions, SessionPlan } from './options.js';
import { readSessionPlan, SESSION_OPTION_KEYS } from './plan-options.js';
import { websocketRedactor } from './redaction.js';
import { websocketReferenceWire } from './reference-payload.js';
import { type OnFirstOpen, SessionRuntime } from './session-runtime.js';

/**
 * Input of {@link websocketLane} (JSON, so the node can carry it): the URL, any `connect()` option,
 * `send` (messages sent once the connection opens: text, or `{ base64 }` for a binary frame) and
 * `closeAfterMessages` (close with 1000 after this many inbound messages). `binaryEncoding`
 * defaults to `'base64'` here.
 */
export interface WebSocketLaneInput extends Omit<ConnectOptions, keyof ExecutionOptions | 'maxUnreadBytes'> {
  /** The `ws:` / `wss:` URL. */
  readonly url: string;
  /**
   * Messages sent once the connection opens: text, or `{ base64 }` for a binary frame; at most 10000.
   * @defaultValue `[]`
   */
  readonly send?: ReadonlyArray<string | { readonly base64: string }> | undefined;
  /**
   * Close with 1000 after this many inbound messages.
   * @defaultValue none (the session ends when the peer closes, on timeout or on cancel)
   */
  readonly closeAfterMessages?: number | undefined;
}

interface WebSocketLanePlan extends SessionPlan {
  readonly send: Array<string | { base64: string }>;
  readonly closeAfterMessages: number | undefined;
}

const LANE_KEYS: readonly string[] = [...SESSION_OPTION_KEYS, 'url', 'send', 'closeAfterMessages'];
const MAX_SCRIPTED_SENDS = 10_000;
// Standard base64 with its padding, as the reference writes binary frames.
const BASE64 = /^(?:[0-9A-Za-z+/]{4})*(?:[0-9A-Za-z+/]{2}==|[0-9A-Za-z+/]{3}=)?$/;

function planLane(input: unknown, entry = 'websocket lane payload'): WebSocketLanePlan {
  const scope = { entry, path: '' };
  const o = readObject(input, LANE_KEYS, scope);
  // Events cross the node as JSON: binary frames default to base64 here.
  const plan = readSessionPlan(o, scope, 'base64');
  const send = readArray(o, 'send', scope, MAX_SCRIPTED_SENDS, (item, path) => {
    if (typeof item === 'string') return item;
    const frame = readObject(item, ['base64'], { entry, path });
    return {
      base64: checkString(frame.base64, `${path}.base64`, entry, 'a base64 string', (s) => BASE64.test(s)),
    };
  });
  const closeAfter = o.closeAfterMessages;
  const closeAfterMessages =
    closeAfter === undefined
      ? undefined
      : checkInt(closeAfter, 'closeAfterMessages', entry, 1, Number.MAX_SAFE_INTEGER);
  return { ...plan, send, closeAfterMessages };
}

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
      {
        id: 'websocket',
        capabilities: websocketCapabilities,
        plan: planLane,
        defaultTimeoutMs: null,
        start: ({ send, closeAfterMessages, ...plan }, context) => {
          const frames = send.map((item) => (typeof item === 'string' ? item : fromBase64(item.base64)));
          const script: OnFirstOpen = (runtime, ws) => {
            for (const data of frames) void runtime.send(data).catch(() => {});
            if (closeAfterMessages === undefined) return;
            const check = () => {
              if (runtime.messagesReceived < closeAfterMessages) return;
              ws.off('message', check);
              runtime.close(1000, '');
            };
            ws.on('message', check);
            check();
          };
          return new SessionRuntime(plan, undefined, undefined, script).run(context);
        },
      },
      websocketRedactor,
    ),
    websocketReferenceWire,
  );
