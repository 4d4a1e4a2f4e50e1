/**
 * `execution-plane/websocket`: WebSocket client sessions on `ws` — one {@link connect} call gives
 * an Execution of the connection with typed `websocket.*` events, send backpressure, keepalive,
 * close codes mapped to outcomes and optional reconnect; {@link websocketLane} runs the same for
 * the node.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export { classifyClose, describeCloseCode, isReconnectable } from './close-codes.js';
export { type ConnectOptions, connect } from './connect.js';
export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_HANDSHAKE_BODY_PREVIEW_BYTES,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_MAX_WAITING_SENDS,
  DEFAULT_NORMAL_CLOSE_CODES,
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_PONG_TIMEOUT_MS,
  DEFAULT_RECONNECT,
  DEFAULT_SEND_HIGH_WATER_BYTES,
} from './defaults.js';
export type {
  WebSocketCloseInitiator,
  WebSocketClosePayload,
  WebSocketControlPayload,
  WebSocketEvents,
  WebSocketMessagePayload,
  WebSocketOpenPayload,
  WebSocketOutput,
  WebSocketReconnectingPayload,
} from './events.js';
export { MAX_PENDING_PINGS } from './live-connection.js';
export { type ReconnectPolicy, type WebSocketOptions, WebSocketOptionsSchema } from './options.js';
export { reconnectDelayMs } from './reconnect-delay.js';
export { redactUrl } from './redact-url.js';
export type { WebSocketData } from './send-queue.js';
export type { WebSocketSession, WebSocketSessionState } from './session.js';
export { type WebSocketLanePayload, WebSocketLanePayloadSchema, websocketLane } from './websocket-lane.js';
