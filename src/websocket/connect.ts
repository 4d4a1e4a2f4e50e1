import * as z from 'zod/mini';
import {
  defineLane,
  type ExecutionOptions,
  parseOptions,
  splitExecutionOptions,
  startExecution,
} from '../core/index.js';
import type { WebSocketEvents, WebSocketOutput } from './events.js';
import {
  resolveReconnect,
  type WebSocketOptions,
  WebSocketOptionsSchema,
  WebSocketUrlSchema,
} from './options.js';
import { type WebSocketSession, WebSocketSessionHandle } from './session.js';
import { SessionRuntime } from './session-runtime.js';

/** Options of {@link connect}: the WebSocket options plus the execution options. */
export type ConnectOptions = WebSocketOptions & ExecutionOptions;

const UrlArgumentSchema = z.strictObject({ url: WebSocketUrlSchema });

// One lane for every connect(): the payload is the session's runtime, already validated.
const sessionLane = /* @__PURE__ */ defineLane<SessionRuntime, WebSocketOutput, WebSocketEvents>({
  id: 'websocket',
  capabilities: { protocols: ['websocket'], surfaces: ['ws', 'wss'] },
  payloadSchema: z.custom<SessionRuntime>((value) => value instanceof SessionRuntime),
  start: (runtime, context) => runtime.run(context),
  defaultTimeoutMs: null,
});

/**
 * Opens a WebSocket session. Options are validated before any I/O (`INVALID_OPTIONS` naming the
 * option); the connection is made in the background — iterate the session for events, `await
 * session.opened()` to wait for it, or just `send()` (sends wait for the connection).
 *
 * Sessions have no timeout unless given one (`timeoutMs`, `deadline`); `signal` cancels them.
 *
 * @example
 * await using session = connect('ws://127.0.0.1:8080', { subprotocols: ['chat.v1'], pingIntervalMs: 15_000 });
 * await session.send(JSON.stringify({ type: 'hello' }));
 */
export function connect(url: string, options: ConnectOptions = {}): WebSocketSession {
  const checkedUrl = parseOptions(UrlArgumentSchema, { url }, 'connect()').url;
  const { rest, execution } = splitExecutionOptions(options);
  const parsed = parseOptions(WebSocketOptionsSchema, rest, 'connect()');
  const runtime = new SessionRuntime(checkedUrl, {
    ...parsed,
    reconnect: resolveReconnect(parsed.reconnect),
  });
  const handle = startExecution(sessionLane, runtime, execution);
  // Cancelled before the lane even started: waiting sends must still be rejected.
  handle.result.then(() => runtime.dispose());
  return new WebSocketSessionHandle(handle, runtime);
}
