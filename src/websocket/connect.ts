import type { Lane } from '../core/lane.js';
import { DEFAULT_EVENT_QUEUE_CAPACITY } from '../core/limits.js';
import { enterLane } from '../core/start-execution.js';
import { withRedaction } from '../internal/redact-lane.js';
import type { WebSocketEvents, WebSocketOutput } from './events.js';
import { websocketCapabilities } from './lane-capabilities.js';
import type { ConnectOptions, ConnectPlan } from './options.js';
import { planConnect } from './plan-options.js';
import { ReceiveBudget } from './receive-budget.js';
import { websocketRedactor } from './redaction.js';
import { WebSocketSession } from './session.js';
import { SessionPort } from './session-port.js';
import { SessionRuntime } from './session-runtime.js';

// The lane of one session: `plan` validates the URL and the options and applies defaults, once;
// `start` builds the runtime and hands it to the session's port.
function sessionLane(
  port: SessionPort,
  capacity: number,
): Lane<ConnectPlan, WebSocketOutput, WebSocketEvents> {
  const lane: Lane<ConnectPlan, WebSocketOutput, WebSocketEvents> = {
    id: 'websocket',
    capabilities: websocketCapabilities,
    plan: (input, entry) => planConnect(input, entry ?? 'connect()'),
    defaultTimeoutMs: null,
    start: ({ maxUnreadBytes, ...plan }, context) => {
      port.budget = new ReceiveBudget(maxUnreadBytes, capacity);
      const runtime = new SessionRuntime(plan, port.endedSend, port.budget);
      port.attach(runtime);
      return runtime.run(context);
    },
  };
  return withRedaction(lane, websocketRedactor);
}

/**
 * Opens a WebSocket session. The URL and options are validated before any I/O
 * (`INVALID_OPTIONS` naming the option); the connection is made in the background — iterate the
 * session for events, `await session.ready()` to wait for it, or just `send()` (sends wait for
 * the connection). Sessions have no timeout unless given one (`timeoutMs`, `deadline`); `signal`
 * cancels them.
 *
 * @example
 * await using session = connect('wss://realtime.example', { subprotocols: ['chat.v1'], pingIntervalMs: 15_000 });
 * await session.ready();
 * await session.send(JSON.stringify({ type: 'hello' }));
 */
export function connect(url: string, options?: ConnectOptions): WebSocketSession {
  const port = new SessionPort();
  const input = options === undefined ? { url } : isObject(options) ? { ...options, url } : options;
  // Core keeps at most this many events: older messages no longer count as held.
  const capacity =
    (isObject(options) && (options as ConnectOptions).eventQueueCapacity) || DEFAULT_EVENT_QUEUE_CAPACITY;
  // Each message handed out, one by one or in batches, frees its bytes from `maxUnreadBytes`.
  const execution = enterLane(sessionLane(port, capacity), input, 'connect()', (event) => {
    if (event.event_type === 'websocket.message') port.budget?.take(event.payload);
  });
  return new WebSocketSession(execution, port);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
