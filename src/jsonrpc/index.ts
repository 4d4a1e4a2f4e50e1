/**
 * `execution-plane/jsonrpc`: one JSON-RPC 2.0 engine over any channel — pure NDJSON and
 * Content-Length framers, {@link createJsonRpcConnection} (correlation, peer requests and
 * notifications, batches, timeouts, cancellation and progress in the LSP or MCP dialect), channels
 * for an in-memory pair, any byte stream and a WebSocket session, and {@link jsonRpcLane} for the
 * node. Importing it loads no process, socket or PTY library.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export { type CallOptions, call } from './call.js';
export type { ChannelDiagnostic, JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
export { createJsonRpcConnection, type JsonRpcConnection } from './connection.js';
export { type JsonRpcConnectionOptions, JsonRpcConnectionOptionsSchema } from './connection-options.js';
export type { JsonRpcNotificationHandler } from './connection-runtime.js';
export {
  type ContentLengthLimits,
  createContentLengthDecoder,
  encodeContentLength,
} from './content-length-framer.js';
export {
  DEFAULT_ABANDONED_IDS_REMEMBERED,
  DEFAULT_DIAGNOSTIC_PREVIEW_CHARS,
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MAX_INBOUND_REQUESTS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './defaults.js';
export { type JsonRpcDialect, lspDialect, mcpDialect, type NotificationSpec } from './dialect.js';
export type {
  JsonRpcClosedBy,
  JsonRpcConnectionOutput,
  JsonRpcDiagnosticKind,
  JsonRpcDiagnosticPayload,
  JsonRpcEvents,
  JsonRpcNotificationPayload,
} from './events.js';
export type { FrameDecoder, FrameSink } from './frame-sink.js';
export type { FramingLimits } from './framed-reader.js';
export { createFrameDecoder, encodeFrame, JSONRPC_FRAMINGS, type JsonRpcFraming } from './framing.js';
export type { JsonRpcRequestContext, JsonRpcRequestHandler } from './inbound.js';
export { type JsonRpcIntentLike, type JsonRpcRouteLike, jsonRpcPayloadFromIntent } from './intent.js';
export {
  createJsonRpcLane,
  type JsonRpcCallEvents,
  type JsonRpcCallOutput,
  type JsonRpcLanePayload,
  JsonRpcLanePayloadSchema,
  type JsonRpcRequestPayload,
  type JsonRpcResponsePayload,
  jsonRpcLane,
} from './jsonrpc-lane.js';
export { createJsonRpcKernelLane, jsonRpcKernelLane } from './kernel-lane.js';
export { createMemoryChannelPair, DEFAULT_MEMORY_CHANNEL_CAPACITY } from './memory-channel.js';
export type { JsonRpcId, JsonRpcRequest, JsonRpcResponse } from './message.js';
export { createNdjsonDecoder, encodeNdjson } from './ndjson-framer.js';
export type { SpawnFunction, TargetPorts } from './open-target.js';
export type { JsonRpcRequestOptions } from './outbound.js';
export type { JsonRpcBatchCall, JsonRpcBatchResult } from './outbound-calls.js';
export {
  isJsonRpcRemoteError,
  JSONRPC_ERROR_CODES,
  type JsonRpcErrorObject,
  JsonRpcRemoteError,
} from './remote-error.js';
export { createStdioChannel, type StdioChannelOptions } from './stdio-channel.js';
export {
  createStreamChannel,
  type ReadableLike,
  type StreamChannelOptions,
  type WritableLike,
} from './stream-channel.js';
export {
  type JsonRpcTarget,
  JsonRpcTargetSchema,
  ProcessTargetSchema,
  WebSocketTargetSchema,
} from './target.js';
export { createWebSocketChannel } from './websocket-channel.js';
export { createWsSocketChannel, type WsSocketLike } from './ws-socket-channel.js';
