/**
 * The terminal I/O an in-process app gets: output, keystrokes, the size and its changes, and an
 * abort signal that fires when the terminal closes. `stdin` and `stdout` are the same I/O as Node
 * streams shaped like a TTY (`isTTY`, `setRawMode`, `columns`, `rows`, `'resize'`), so a
 * stream-based TUI library such as Ink runs on it unchanged.
 *
 * @example
 * const app: TerminalApp = async (io) => {
 *   io.write(`hello ${io.cols}x${io.rows}\r\n`);
 *   await new Promise<void>((quit) => io.onInput((key) => key === 'q' && quit()));
 * };
 */
export interface TerminalIO {
  /** Width in columns. */
  readonly cols: number;
  /** Height in rows. */
  readonly rows: number;
  /** Aborted when the terminal closes; the app should return soon after. */
  readonly signal: AbortSignal;
  /**
   * Writes output (text with ANSI sequences) to every viewer, the scrollback and the recording. As
   * a PTY does (`ONLCR`), a bare `\n` is sent as `\r\n`.
   */
  write(text: string): void;
  /**
   * Calls `listener` with each piece of input typed by a controlling viewer (or `terminal.write`).
   * Input typed before the first listener (up to 64 KiB) is delivered to it. Returns an unsubscribe.
   */
  onInput(listener: (data: string) => void): () => void;
  /** Calls `listener` after each resize with the new size. Returns an unsubscribe. */
  onResize(listener: (cols: number, rows: number) => void): () => void;
  /** The input as a TTY-shaped readable stream (created on first use), e.g. Ink's `stdin`. */
  readonly stdin: NodeJS.ReadStream;
  /** The output as a TTY-shaped writable stream (created on first use), e.g. Ink's `stdout`. */
  readonly stdout: NodeJS.WriteStream;
}

/**
 * An in-process terminal app: given the terminal I/O, it runs until it quits (returns or its
 * promise settles). Its quit tears the terminal down; nothing restarts it. A throw fails the
 * terminal's outcome with `EXECUTION_FAILED`.
 *
 * @example
 * await using terminal = openTerminal(async (io) => io.write('bye\r\n'));
 */
export type TerminalApp = (io: TerminalIO) => Promise<void> | void;
