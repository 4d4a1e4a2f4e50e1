/** Payload of `jsonrpc.notification`: a peer notification no handler took. */
export interface JsonRpcNotificationPayload {
  readonly method: string;
  readonly params: unknown;
}

/** What a `jsonrpc.diagnostic` reports. */
export type JsonRpcDiagnosticKind =
  /** Output that is not a message (stray stdout lines, header noise). */
  | 'noise'
  /** A framing problem a channel reported without closing. */
  | 'framing'
  /** A frame that is not JSON. */
  | 'invalid_json'
  /** JSON that is not a JSON-RPC message. */
  | 'invalid_message'
  /** A response to an id we never sent (or forgot long ago). */
  | 'unknown_response'
  /** A notification handler or progress callback threw. */
  | 'handler_failed'
  /** A response to a peer request could not be written. */
  | 'send_failed';

/** Payload of `jsonrpc.diagnostic`. Never ends the connection. */
export interface JsonRpcDiagnosticPayload {
  readonly kind: JsonRpcDiagnosticKind;
  /** The offending text or error message, cut to `jsonRpcDefaults.diagnosticPreviewChars`. */
  readonly text: string;
  /** Full length in characters of what was cut. */
  readonly length: number;
  readonly method?: string;
}

/** The lane events of a JSON-RPC connection by type (no event per message: they stay cheap). */
export interface JsonRpcEvents {
  'jsonrpc.notification': JsonRpcNotificationPayload;
  'jsonrpc.diagnostic': JsonRpcDiagnosticPayload;
}

/** Who ended a connection. */
export type JsonRpcClosedBy = 'local' | 'remote';

/** The raw output of a connection (the outcome's `output`). */
export interface JsonRpcConnectionOutput {
  readonly requests_sent: number;
  readonly notifications_sent: number;
  readonly responses_received: number;
  /** Responses that were JSON-RPC errors. */
  readonly errors_received: number;
  readonly requests_received: number;
  readonly notifications_received: number;
  readonly diagnostics: number;
  /** Our requests still awaiting a response when the connection ended (all rejected). */
  readonly pending_at_close: number;
  readonly closed_by: JsonRpcClosedBy;
}
