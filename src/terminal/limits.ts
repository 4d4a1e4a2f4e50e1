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
  /** Terminals registered in one process at once. */
  maxTerminals: 64,
  /** Initial width, in columns. */
  cols: 80,
  /** Initial height, in rows. */
  rows: 24,
  /** `TERM` of the terminal. */
  termName: 'xterm-256color',
} as const);
