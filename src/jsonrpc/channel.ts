import type { ExecutionError } from '../core/errors.js';

/** A stray line or an undecodable frame seen on a channel. */
export interface ChannelDiagnostic {
  /** `noise`: output that is not a message (stray log lines); `framing`: a framing error. */
  readonly kind: 'noise' | 'framing';
  readonly text: string;
}

/** What a channel delivers to its connection. */
export interface JsonRpcChannelSink {
  /**
   * One complete message text (a JSON value, possibly a batch array). A returned promise asks the
   * channel to stop reading until it resolves (backpressure).
   */
  message(text: string): undefined | Promise<void>;
  /** Something that is not a message; the connection reports it as a `jsonrpc.diagnostic` event. */
  diagnostic(diagnostic: ChannelDiagnostic): undefined | Promise<void>;
  /**
   * Optional for channels: the transport lost the response to our request `id` (an HTTP stream
   * that dropped and could not be resumed). The request rejects with `error`; the channel lives on.
   */
  lost?(id: number | string, error: ExecutionError): void;
  /** The channel ended: `error` says why when it failed (the peer process crashed, the socket dropped). */
  closed(error?: ExecutionError): void;
}

/**
 * A bidirectional message stream between us and one peer — the small interface every transport
 * implements (stdio of a process, a WebSocket session, an in-memory pair, or your own).
 *
 * Contract: `start` is called once; nothing is delivered before it (so nothing is lost to a late
 * listener); `closed` is called exactly once, after the last `message`.
 */
export interface JsonRpcChannel {
  /** Starts delivering inbound messages to `sink`. */
  start(sink: JsonRpcChannelSink): void;
  /**
   * Writes one message text. Returns nothing when it was taken at once, or a promise that resolves
   * once the channel has taken it (and rejects with an ExecutionError when it cannot).
   */
  send(text: string): undefined | Promise<void>;
  /** Closes the channel (idempotent); resolves when it is closed. */
  close(): Promise<void>;
  /**
   * Optional: resolves once the transport is usable (a socket open, a process spawned), rejects
   * if it never becomes so. The connection's `ready()` waits for it.
   */
  ready?(): Promise<void>;
}
