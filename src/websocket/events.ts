/** Payload of `websocket.open`: one per established connection (again after each reconnect). */
export interface WebSocketOpenPayload {
  /** The URL with sensitive query values masked. */
  readonly url: string;
  /** Subprotocol the server selected, `''` when none. */
  readonly protocol: string;
  /** Extensions the server accepted (`permessage-deflate; …`), `''` when none. */
  readonly extensions: string;
  /** 1 for the first connection, then +1 per reconnect. */
  readonly connection: number;
}

/**
 * Payload of `websocket.message`. Text frames carry `text`; binary frames carry `data`, a
 * `Uint8Array` (option `binaryEncoding: 'bytes'`) or a base64 string (`'base64'`, JSON-safe).
 */
export type WebSocketMessagePayload =
  | { readonly kind: 'text'; readonly text: string; readonly bytes: number }
  | { readonly kind: 'binary'; readonly data: Uint8Array | string; readonly bytes: number };

/** Payload of `websocket.ping` / `websocket.pong` (only with `pingEvents: true`). */
export interface WebSocketControlPayload {
  /** Application data of the control frame, base64 (at most 125 bytes). */
  readonly data_base64: string;
}

/** Who ended a connection. */
export type WebSocketCloseInitiator = 'local' | 'remote' | 'keepalive' | 'error';

/** Payload of `websocket.close`: one per connection that ends. */
export interface WebSocketClosePayload {
  /** Close code from the close frame; 1006 when the connection dropped without one. */
  readonly code: number;
  readonly reason: string;
  /** True when both close frames were exchanged. */
  readonly was_clean: boolean;
  readonly initiated_by: WebSocketCloseInitiator;
}

/** Payload of `websocket.reconnecting`: the wait before the next attempt. */
export interface WebSocketReconnectingPayload {
  /** Attempt number within the current budget, from 1. */
  readonly attempt: number;
  readonly delay_ms: number;
  /** Why the previous connection or attempt ended. */
  readonly after: string;
}

/** The lane events of a WebSocket session by type. */
export interface WebSocketEvents {
  'websocket.open': WebSocketOpenPayload;
  'websocket.message': WebSocketMessagePayload;
  'websocket.ping': WebSocketControlPayload;
  'websocket.pong': WebSocketControlPayload;
  'websocket.close': WebSocketClosePayload;
  'websocket.reconnecting': WebSocketReconnectingPayload;
}

/** The raw output of a WebSocket session (the outcome's `output`), kept on failure too. */
export interface WebSocketOutput {
  readonly url: string;
  /** Subprotocol of the last connection, `''` when none or never connected. */
  readonly protocol: string;
  /** Close code of the last connection, `null` when it never opened. */
  readonly close_code: number | null;
  readonly close_reason: string;
  readonly initiated_by: WebSocketCloseInitiator | null;
  readonly was_clean: boolean;
  readonly connections: number;
  readonly messages_received: number;
  readonly messages_sent: number;
  readonly bytes_received: number;
  readonly bytes_sent: number;
}
