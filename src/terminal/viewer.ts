import { ExecutionError } from '../core/errors.js';
import type { AttachEndReason } from '../internal/attach-trail.js';
import { utf8Length } from '../internal/utf8.js';
import { ByteRing } from './byte-ring.js';
import { InputRate } from './input-rate.js';
import type { ViewerTrail } from './viewer-trail.js';

/** What a viewer may do: `control` types and resizes; `view` only watches. */
export type ViewerMode = 'control' | 'view';

/** @internal The terminal's side of a viewer. */
export interface ViewerHost {
  input(data: string, viewer: TerminalViewer): Promise<void>;
  resize(cols: number, rows: number, viewer: TerminalViewer): Promise<void>;
  detached(viewer: TerminalViewer): void;
}

/** @internal */
export interface ViewerInit {
  readonly mode: ViewerMode;
  readonly bufferBytes: number;
  /** The scrollback, chunk by chunk: a viewer whose buffer is smaller keeps the newest chunks. */
  readonly initial: readonly string[];
  readonly inputBytesPerSecond: number;
  readonly grantRef: string | undefined;
  readonly host: ViewerHost;
  /** Counts what the viewer does for the attach / detach trail. */
  readonly trail: ViewerTrail;
}

/**
 * One attached viewer of a terminal: an async iterable of output text, starting with the
 * scrollback it was given. It buffers at most `viewerBufferBytes`; a viewer that falls further
 * behind loses the oldest output (`droppedBytes` says how much) instead of slowing the program.
 * A `control` viewer may `write` and `resize`; a `view` viewer only watches. Iteration ends when
 * the viewer detaches, is revoked (`endReason`) or the terminal ends.
 */
export class TerminalViewer implements AsyncIterable<string> {
  /** `control` or `view`. */
  readonly mode: ViewerMode;
  /** The `attach_grant_ref` of the grant it attached with, if any. */
  readonly grantRef: string | undefined;
  readonly #ring: ByteRing;
  readonly #rate: InputRate;
  readonly #host: ViewerHost;
  readonly #trail: ViewerTrail;
  #ended = false;
  #endReason: ExecutionError | undefined;
  #wake: (() => void) | undefined;
  #iterating = false;

  /** @internal Use `terminal.attach()`. */
  constructor(init: ViewerInit) {
    this.mode = init.mode;
    this.grantRef = init.grantRef;
    this.#host = init.host;
    this.#trail = init.trail;
    this.#ring = new ByteRing(init.bufferBytes);
    this.#rate = new InputRate(init.inputBytesPerSecond);
    for (const chunk of init.initial) this.#ring.push(chunk);
    this.#ring.resetDropped();
    this.#trail.output(this.#ring.bytes);
    this.#trail.bind((reason) => this.#detach(reason));
  }

  /** Bytes of output this viewer lost because it read too slowly. */
  get droppedBytes(): number {
    return this.#ring.droppedBytes;
  }

  /** True once detached, revoked, or the terminal ended. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Why the terminal detached this viewer (`ATTACH_REVOKED` …); `undefined` otherwise. */
  get endReason(): ExecutionError | undefined {
    return this.#endReason;
  }

  /**
   * Types into the terminal. Rejects with `READ_ONLY` for a `view` viewer, `INPUT_RATE_EXCEEDED`
   * past `inputBytesPerSecond` (the input is dropped), `SESSION_ENDED` once detached.
   */
  async write(data: string): Promise<void> {
    this.#check('write()');
    const bytes = utf8Length(data);
    if (!this.#rate.take(bytes)) {
      throw new ExecutionError('INPUT_RATE_EXCEEDED', 'input dropped: the viewer types faster than allowed', {
        details: { bytes },
      });
    }
    await this.#host.input(data, this);
    this.#trail.input(bytes);
  }

  /** Resizes the terminal (`control` only; 1–10 000 each way, `INVALID_OPTIONS` otherwise). */
  async resize(cols: number, rows: number): Promise<void> {
    this.#check('resize()');
    await this.#host.resize(cols, rows, this);
  }

  /** Stops receiving output; iteration ends after what is already buffered. Idempotent. */
  detach(): void {
    this.#detach('detach');
  }

  /** @internal Delivers output from the terminal. */
  deliver(text: string): void {
    if (this.#ended) return;
    // Bytes held plus bytes dropped grows by exactly this chunk's size, without measuring it again.
    const before = this.#ring.bytes + this.#ring.droppedBytes;
    this.#ring.push(text);
    this.#trail.output(this.#ring.bytes + this.#ring.droppedBytes - before);
    this.#notify();
  }

  /** @internal The terminal ended, or detached this viewer for `reason`. */
  end(reason?: ExecutionError): void {
    if (this.#ended) return;
    this.#end(reason, reason?.code === 'ATTACH_REVOKED' ? 'revoked' : 'terminal_ended');
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.#iterating)
      throw new ExecutionError('ALREADY_ITERATING', 'a terminal viewer has one reader at a time');
    this.#iterating = true;
    try {
      while (true) {
        const text = this.#ring.shift();
        if (text !== undefined) {
          yield text;
          continue;
        }
        if (this.#ended) return;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      this.#iterating = false;
    }
  }

  #check(call: string): void {
    if (this.#ended) {
      throw new ExecutionError('SESSION_ENDED', `Cannot ${call}: the viewer is detached`, {
        cause: this.#endReason,
      });
    }
    if (this.mode !== 'control')
      throw new ExecutionError('READ_ONLY', `Cannot ${call}: this viewer is read-only`);
  }

  #detach(why: 'detach' | 'connection_closed'): void {
    if (this.#ended) return;
    this.#end(undefined, why);
    this.#host.detached(this);
  }

  #end(reason: ExecutionError | undefined, why: AttachEndReason): void {
    this.#ended = true;
    this.#endReason = reason;
    this.#trail.finish(why, reason?.code ?? null, this.#ring.droppedBytes);
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
