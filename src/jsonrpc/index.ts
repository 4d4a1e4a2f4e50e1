/**
 * `execution-plane/jsonrpc`: one JSON-RPC 2.0 engine over any channel —
 * {@link createJsonRpcConnection} (correlation, typed results, peer requests and notifications,
 * batches, timeouts, cancellation and progress in the LSP or MCP dialect), channels for an
 * in-memory pair, a process's stdio, any byte stream and a WebSocket, the one-shot {@link call},
 * and {@link jsonRpcLane} for the node. Importing it loads no process, socket or PTY library.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { JsonRpcErrorCode } from '../core/error-codes.js';
export { call, type JsonRpcCallOptions } from './call.js';
export type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
export type { JsonRpcChannelOptions } from './channel-options.js';
export { createJsonRpcConnection, type JsonRpcConnection } from './connection.js';
export type { JsonRpcConnectionOptions } from './connection-options.js';
export type { JsonRpcNotificationHandler } from './connection-runtime.js';
export { jsonRpcDefaults } from './defaults.js';
export type { JsonRpcConnectionOutput, JsonRpcEvents } from './events.js';
export type { JsonRpcRequestContext, JsonRpcRequestHandler } from './inbound.js';
export { type JsonRpcCallEvents, type JsonRpcCallOutput, jsonRpcLane } from './jsonrpc-lane.js';
export { createMemoryChannelPair } from './memory-channel.js';
export type { JsonRpcRequestOptions } from './outbound.js';
export type { JsonRpcBatchCall, JsonRpcBatchResult } from './outbound-calls.js';
export { isJsonRpcRemoteError, JsonRpcRemoteError } from './remote-error.js';
export { createStdioChannel } from './stdio-channel.js';
export { createStreamChannel } from './stream-channel.js';
export { createStreamableHttpChannel } from './streamable-http-channel.js';
export type { StreamableHttpChannelOptions } from './streamable-http-options.js';
export {
  createStreamableHttpHandler,
  type StreamableHttpHandler,
  type StreamableHttpHandlerOptions,
} from './streamable-http-server.js';
export type { JsonRpcTarget } from './target.js';
export { createWebSocketChannel } from './websocket-channel.js';
