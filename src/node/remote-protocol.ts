/**
 * The remote node protocol: JSON-RPC 2.0 over a WebSocket, one message per text frame. A runtime
 * client calls the `node.*` methods; a dispatching node calls the `execution.*` methods of a node
 * served as a target. Streams are credit-based: the server sends a stream's events only as far as
 * the client has granted credit (`stream.pull`), so a slow consumer slows the lane on the server.
 */
export const NODE_METHODS = {
  /** → `NodeDescriptor` */
  describe: 'node.describe',
  /** `{ request }` → `{ ok: true, decision } | { ok: false, rejection }` */
  admit: 'node.admit',
  /** `{ request, timeout_ms?, call_id? }` → `ExecutionResult`; `call.abort` with the `call_id` cancels it. */
  execute: 'node.execute',
  /** `{ request, timeout_ms? }` → `{ ok: true, execution_ref } | { ok: false, rejection }`, then events. */
  stream: 'node.stream',
  /** `{ execution_ref }` → `{ ok: true, cancelled } | { ok: false, rejection }` */
  cancel: 'node.cancel',
} as const;

/** Methods of a node served as a target (`serveNode(node, { target: true })`). */
export const TARGET_METHODS = {
  /** → a description of the target */
  describe: 'execution.describe',
  /** params: the `ExecutionRequest` itself (the reference's target frame) → `ExecutionResult` */
  execute: 'execution.execute',
  /** params: the `ExecutionRequest` → `{ ok: true, execution_ref } | { ok: false, rejection }`, then events */
  stream: 'execution.stream',
  /** `{ execution_ref }` → `{ ok: true, cancelled } | { ok: false, rejection }` */
  cancel: 'execution.cancel',
} as const;

/** Notifications of the stream flow and call cancellation. */
export const STREAM_NOTIFICATIONS = {
  /** client → server `{ execution_ref, credit }`: send up to `credit` more events. */
  pull: 'stream.pull',
  /** client → server `{ execution_ref }`: send no more events (the execution goes on; its end still comes). */
  close: 'stream.close',
  /** server → client `{ execution_ref, event }`: one event of the stream. */
  event: 'stream.event',
  /** server → client `{ execution_ref, result }`: the stream's `ExecutionResult`, after its last event. */
  end: 'stream.end',
  /** client → server `{ call_id }`: cancel the `node.execute` call with that id. */
  abort: 'call.abort',
} as const;

/** Events a client lets the server send ahead of its consumer, per stream. */
export const DEFAULT_STREAM_WINDOW = 256;

/** Time allowed for a call that is not an execution (`describe`, `admit`, `cancel`). */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/** Connections a node server accepts at once; one more is refused with HTTP 503. */
export const DEFAULT_MAX_CONNECTIONS = 64;

/** Calls one connection may have running on the server at once. */
export const DEFAULT_MAX_CALLS_PER_CONNECTION = 10_000;

/** Largest message a node server or client accepts. */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** How long `authenticate` may take before the upgrade is refused. */
export const DEFAULT_AUTHENTICATE_TIMEOUT_MS = 5_000;

/** Time from TCP accept to an accepted WebSocket: headers, upgrade and authentication. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;

/** Unauthenticated connections a node server holds at once, from all addresses. */
export const DEFAULT_MAX_PENDING_CONNECTIONS = 128;

/** Unauthenticated connections a node server holds at once from one address. */
export const DEFAULT_MAX_PENDING_PER_ADDRESS = 16;

/** The params of a message as a map (a malformed one reads as empty). */
export function paramsOf(params: unknown): Record<string, unknown> {
  return typeof params === 'object' && params !== null && !Array.isArray(params)
    ? (params as Record<string, unknown>)
    : {};
}
