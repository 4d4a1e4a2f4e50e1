import { PassThrough, Writable } from 'node:stream';
import type { TerminalApp, TerminalIO } from './app.js';

const BARE_LF = /(?<!\r)\n/g;

type Listener<A extends unknown[]> = (...args: A) => void;

/** Input typed before the app listens is kept, up to this many bytes, so nothing is lost early. */
const EARLY_INPUT_BYTES = 64 * 1024;

/**
 * The terminal I/O handed to an in-process app, and the terminal's side of it: `feed` delivers
 * keystrokes, `resized` a new size. `stdin` / `stdout` are Node streams shaped like a TTY (for
 * Ink and other stream-based TUI libraries), created on first use.
 */
export class AppIO implements TerminalIO {
  readonly signal: AbortSignal;
  #cols: number;
  #rows: number;
  readonly #out: (text: string) => void;
  readonly #inputs = new Set<Listener<[string]>>();
  readonly #resizes = new Set<Listener<[number, number]>>();
  #early: string[] = [];
  #earlyBytes = 0;
  #stdin: PassThrough | undefined;
  #stdout: Writable | undefined;

  constructor(cols: number, rows: number, signal: AbortSignal, out: (text: string) => void) {
    this.#cols = cols;
    this.#rows = rows;
    this.signal = signal;
    this.#out = out;
  }

  get cols(): number {
    return this.#cols;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Like a PTY's line discipline (`ONLCR`), a bare `\n` goes out as `\r\n`. */
  write(text: string): void {
    if (text) this.#out(text.replace(BARE_LF, '\r\n'));
  }

  onInput(listener: (data: string) => void): () => void {
    this.#inputs.add(listener);
    const early = this.#early;
    this.#early = [];
    this.#earlyBytes = 0;
    for (const data of early) listener(data);
    return () => this.#inputs.delete(listener);
  }

  onResize(listener: (cols: number, rows: number) => void): () => void {
    this.#resizes.add(listener);
    return () => this.#resizes.delete(listener);
  }

  get stdin(): NodeJS.ReadStream {
    if (!this.#stdin) {
      const stream = new PassThrough();
      Object.assign(stream, {
        isTTY: true,
        isRaw: false,
        setRawMode(mode: boolean) {
          (stream as unknown as { isRaw: boolean }).isRaw = mode;
          return stream;
        },
        ref: () => stream,
        unref: () => stream,
      });
      this.#stdin = stream;
      this.onInput((data) => stream.write(data));
      this.signal.addEventListener('abort', () => stream.end(), { once: true });
    }
    return this.#stdin as unknown as NodeJS.ReadStream;
  }

  get stdout(): NodeJS.WriteStream {
    if (!this.#stdout) {
      const io = this;
      const stream = new Writable({
        decodeStrings: false,
        write(chunk: string | Buffer, _encoding, callback) {
          io.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
          callback();
        },
      });
      Object.defineProperties(stream, {
        isTTY: { value: true },
        columns: { get: () => io.cols },
        rows: { get: () => io.rows },
        getWindowSize: { value: () => [io.cols, io.rows] },
        hasColors: { value: () => true },
        getColorDepth: { value: () => 8 },
      });
      this.onResize(() => stream.emit('resize'));
      this.#stdout = stream;
    }
    return this.#stdout as unknown as NodeJS.WriteStream;
  }

  /** @internal Keystrokes for the app. */
  feed(data: string): void {
    if (this.#inputs.size === 0) {
      if (this.#earlyBytes + data.length <= EARLY_INPUT_BYTES) {
        this.#early.push(data);
        this.#earlyBytes += data.length;
      }
      return;
    }
    for (const listener of this.#inputs) listener(data);
  }

  /** @internal The terminal was resized. */
  resized(cols: number, rows: number): void {
    this.#cols = cols;
    this.#rows = rows;
    for (const listener of this.#resizes) listener(cols, rows);
  }
}

/** Runs `app` on `io`; resolves when the app returns (it quit). */
export async function runApp(app: TerminalApp, io: AppIO): Promise<void> {
  await app(io);
}
