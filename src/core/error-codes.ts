/**
 * Every stable error code of execution-plane, as one closed union per subpath. A code names what
 * went wrong; the failure class (`timeout`, `transport_failed` …) says who owns it and whether a
 * retry can help. Each subpath re-exports its own union, and each lane doc has a table of its codes.
 */

/** Codes raised by the execution model itself, shared by every lane. */
export type CoreErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_CONTRACT'
  | 'EXECUTION_FAILED'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'REJECTED'
  | 'LIMIT_EXCEEDED'
  | 'NOT_SUPPORTED'
  | 'ALREADY_ITERATING'
  | 'SESSION_ENDED'
  | 'PEER_DEPENDENCY_MISSING'
  | 'UNSUPPORTED_RUNTIME';

/** Codes of `execution-plane/process`. */
export type ProcessErrorCode =
  | CoreErrorCode
  | 'SPAWN_FAILED'
  | 'COMMAND_NOT_FOUND'
  | 'COMMAND_NOT_EXECUTABLE'
  | 'CWD_NOT_FOUND'
  | 'WRITE_FAILED'
  | 'LINE_TOO_LONG'
  | 'UNSUPPORTED_CAPABILITY'
  | 'BRIDGE_CONNECT_FAILED'
  | 'BRIDGE_DISCONNECTED'
  | 'BRIDGE_PROTOCOL_ERROR'
  | 'BRIDGE_REMOTE_ERROR'
  | 'BRIDGE_REQUEST_TIMEOUT'
  | 'BRIDGE_VERSION_UNSUPPORTED'
  | 'BRIDGE_PROFILE_MISMATCH'
  | 'BRIDGE_CAPABILITY_SUPERSET';

/** Codes of `execution-plane/http`. */
export type HttpErrorCode =
  | CoreErrorCode
  | 'HTTP_STATUS'
  | 'HTTP_TRANSPORT_FAILED'
  | 'HTTP_PROTOCOL_ERROR'
  | 'HTTP_INVALID_JSON'
  | 'HTTP_TOO_MANY_REDIRECTS';

/** Codes of `execution-plane/sse`. */
export type SseErrorCode =
  | CoreErrorCode
  | 'SSE_BAD_STATUS'
  | 'SSE_NOT_EVENT_STREAM'
  | 'SSE_DISCONNECTED'
  | 'SSE_INVALID_JSON'
  | 'SSE_SCHEMA_MISMATCH'
  | 'HTTP_TRANSPORT_FAILED'
  | 'HTTP_PROTOCOL_ERROR';

/** Codes of `execution-plane/websocket`. */
export type WebSocketErrorCode =
  | CoreErrorCode
  | 'CONNECT_FAILED'
  | 'HANDSHAKE_FAILED'
  | 'HANDSHAKE_INVALID'
  | 'HANDSHAKE_TIMEOUT'
  | 'NOT_CONNECTED'
  | 'SEND_FAILED'
  | 'PROTOCOL_ERROR'
  | 'MESSAGE_TOO_LARGE'
  | 'KEEPALIVE_TIMEOUT'
  | 'ABNORMAL_CLOSURE'
  | 'PEER_CLOSED';

/** Codes of `execution-plane/jsonrpc`. */
export type JsonRpcErrorCode =
  | CoreErrorCode
  | 'FRAMING_ERROR'
  | 'MESSAGE_TOO_LARGE'
  | 'READ_FAILED'
  | 'WRITE_FAILED'
  | 'ALREADY_STARTED'
  | 'INVALID_PARAMS'
  | 'INVALID_RESULT'
  | 'PEER_EXITED'
  | 'CHANNEL_CLOSED'
  | 'CONNECT_FAILED'
  | 'HTTP_STATUS'
  | 'RESPONSE_LOST'
  | 'BATCH_UNSUPPORTED';

/** Codes of `execution-plane/node`. */
export type NodeErrorCode =
  | CoreErrorCode
  | 'AUTHENTICATION_FAILED'
  | 'REMOTE_DISCONNECT'
  | 'CONNECT_FAILED'
  | 'PROTOCOL_ERROR';

/** Codes of `execution-plane/terminal`. */
export type TerminalErrorCode =
  | CoreErrorCode
  | ProcessErrorCode
  | 'TERMINAL_EXISTS'
  | 'TERMINAL_NOT_FOUND'
  | 'LISTEN_FAILED'
  | 'AUTHENTICATION_FAILED'
  | 'AUTHENTICATION_TIMEOUT'
  | 'ORIGIN_FORBIDDEN'
  | 'ATTACH_FORBIDDEN'
  | 'ATTACH_REVOKED'
  | 'CONTROLLER_TAKEN'
  | 'READ_ONLY'
  | 'INPUT_RATE_EXCEEDED'
  | 'BAD_FRAME';

/** Every code an {@link ExecutionError} or a failure can carry. */
export type ErrorCode =
  | CoreErrorCode
  | ProcessErrorCode
  | HttpErrorCode
  | SseErrorCode
  | WebSocketErrorCode
  | JsonRpcErrorCode
  | NodeErrorCode
  | TerminalErrorCode;
