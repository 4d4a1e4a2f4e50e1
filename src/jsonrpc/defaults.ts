/**
 * Named default limits of the JSON-RPC engine; each is an option of
 * {@link createJsonRpcConnection} or of a framer. docs/jsonrpc.md says what happens at each limit.
 */

/** Largest message a framer accepts; a bigger one fails the connection (`protocol_framing_failed`). */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Largest Content-Length header block. */
export const DEFAULT_MAX_HEADER_BYTES = 8 * 1024;

/** Per-request timeout (`null` turns it off per connection or per request). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** Our requests awaiting a response at once; one more is refused with `LIMIT_EXCEEDED`. */
export const DEFAULT_MAX_IN_FLIGHT = 1_024;

/** Peer requests handled at once; one more is answered with error -32000 (server busy). */
export const DEFAULT_MAX_INBOUND_REQUESTS = 256;

/** Largest batch, in either direction. */
export const DEFAULT_MAX_BATCH_SIZE = 1_000;

/** Characters of a stray line or invalid frame kept in a `jsonrpc.diagnostic` event. */
export const DEFAULT_DIAGNOSTIC_PREVIEW_CHARS = 512;

/** Late responses to requests we gave up on (timeout, cancel) recognised and dropped quietly. */
export const DEFAULT_ABANDONED_IDS_REMEMBERED = 1_024;
