/**
 * The terminal subpath's defaults, in one documented frozen object.
 *
 * @example
 * import { terminalDefaults } from 'execution-plane/terminal';
 * terminalDefaults.scrollbackBytes; // 262144
 */
export const terminalDefaults = /* @__PURE__ */ Object.freeze({
  /** Bytes of recent terminal output kept for viewers that attach later. */
  scrollbackBytes: 256 * 1024,
  /**
   * Bytes buffered for one viewer that reads slower than the program writes; past it the oldest
   * output is dropped for that viewer (counted), so a stalled viewer never stalls the program.
   */
  viewerBufferBytes: 1024 * 1024,
  /** Viewers attached to one terminal at once. */
  maxViewers: 16,
  /** Controlling viewers (who type and resize) attached to one terminal at once. */
  maxControllers: 1,
  /** Input bytes per second one viewer may type (one second of burst); past it input is refused. */
  inputBytesPerSecond: 64 * 1024,
  /** Bytes of an asciicast recording before it stops (with a last `recording truncated` marker). */
  maxRecordingBytes: 16 * 1024 * 1024,
  /** Terminals registered in one process at once. */
  maxTerminals: 64,
  /** Milliseconds a transport waits for a connection to authenticate before closing it. */
  authTimeoutMs: 5_000,
  /** Bytes of one WebSocket frame from a client; a larger frame closes that connection. */
  maxFrameBytes: 64 * 1024,
  /** The key that detaches the local TTY (Ctrl-]). */
  detachKey: '\x1d',
  /** Interface the SSH and WebSocket transports listen on. */
  host: '127.0.0.1',
  /** Initial width, in columns. */
  cols: 80,
  /** Initial height, in rows. */
  rows: 24,
  /** `TERM` of the terminal. */
  termName: 'xterm-256color',
} as const);
