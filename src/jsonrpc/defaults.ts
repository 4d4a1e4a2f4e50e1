/**
 * The defaults and fixed limits of the JSON-RPC engine, in one frozen object: each is the default
 * of the option of the same name ({@link createJsonRpcConnection}, the channel factories);
 * docs/jsonrpc.md says what happens at each limit.
 *
 * @example
 * createJsonRpcConnection(channel, { requestTimeoutMs: jsonRpcDefaults.requestTimeoutMs * 2 });
 */
export const jsonRpcDefaults = /* @__PURE__ */ Object.freeze({
  /** Per-request timeout in milliseconds (`null` turns it off per connection or per request). */
  requestTimeoutMs: 60_000,
  /** Our requests awaiting a response at once; one more is refused with `LIMIT_EXCEEDED`. */
  maxInFlight: 1_024,
  /** Peer requests handled at once; one more is answered with error -32000 (server busy). */
  maxInboundRequests: 256,
  /** Largest batch, in either direction. */
  maxBatchSize: 1_000,
  /** Milliseconds the first batch waits for an answer before batches are taken as unsupported. */
  batchProbeMs: 2_000,
  /** Largest message in bytes (16 MiB) a channel's framer accepts; a bigger one fails `FRAMING_ERROR`. */
  maxMessageBytes: 16 * 1024 * 1024,
  /** Largest Content-Length header block in bytes. */
  maxHeaderBytes: 8 * 1024,
  /** Messages one side of a memory channel pair holds for a peer that has not started or is slow. */
  memoryChannelCapacity: 100_000,
  /** Characters of a stray line or invalid frame kept in a `jsonrpc.diagnostic` event (not an option). */
  diagnosticPreviewChars: 512,
  /** Late responses to requests we gave up on (timeout, cancel) recognised and dropped quietly (not an option). */
  abandonedIdsRemembered: 1_024,
});
