/**
 * `execution-plane/websocket`: WebSocket client sessions on `ws` — one {@link connect} call gives
 * a session (an Execution of the connection with typed `websocket.*` events) with send
 * backpressure, keepalive, close codes mapped to outcomes and optional reconnect;
 * {@link websocketLane} runs the same for the node.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { WebSocketErrorCode } from '../core/error-codes.js';
export { connect } from './connect.js';
export { websocketDefaults } from './defaults.js';
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
export type { ConnectOptions, ReconnectOptions } from './options.js';
export type { WebSocketData } from './send-queue.js';
export type { WebSocketSession, WebSocketSessionState } from './session.js';
export { type WebSocketLaneInput, websocketLane } from './websocket-lane.js';
