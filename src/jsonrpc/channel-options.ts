/** Options of `createStdioChannel()` and `createStreamChannel()`. */
export interface JsonRpcChannelOptions {
  /**
   * How messages are delimited on the byte stream: `'ndjson'` (one JSON text per line) or
   * `'content-length'` (LSP's `Content-Length:` headers).
   * @defaultValue `'ndjson'`
   */
  readonly framing?: 'ndjson' | 'content-length' | undefined;
  /**
   * Largest inbound message in bytes; a bigger one fails the connection with `FRAMING_ERROR`
   * (`protocol_framing_failed`).
   * @defaultValue 16777216 (16 MiB, `jsonRpcDefaults.maxMessageBytes`)
   */
  readonly maxMessageBytes?: number | undefined;
  /**
   * Largest Content-Length header block in bytes.
   * @defaultValue 8192 (`jsonRpcDefaults.maxHeaderBytes`)
   */
  readonly maxHeaderBytes?: number | undefined;
  /**
   * Stdio channels only: milliseconds between stdin EOF and the kill ladder when the channel closes.
   * @defaultValue the process session's `close()` grace
   */
  readonly closeGraceMs?: number | undefined;
}
