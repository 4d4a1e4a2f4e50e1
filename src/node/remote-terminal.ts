import type { ErrorCode } from '../core/error-codes.js';
import { ExecutionError } from '../core/errors.js';
import { paramsOf } from './remote-protocol.js';
import { TERMINAL_METHODS } from './serve-terminals.js';

/** Output a remote attachment holds for a reader that is behind; past it the oldest is dropped. */
const CLIENT_BUFFER_BYTES = 1024 * 1024;

/** The calls an attachment makes on its connection. */
export interface AttachmentPort {
  call(method: string, params: unknown): Promise<unknown>;
}

/**
 * A viewer of a terminal on a remote node (`client.attachTerminal(id)`): an async iterable of
 * output text (one reader), `write` / `resize` for a `control` attachment, `detach()`. Output the
 * node had to drop for this viewer, and output this side dropped because nobody read it, are
 * counted in `droppedBytes`. `endCode` says why it ended (`ATTACH_REVOKED` …), if not by detach
 * or the terminal's end.
 */
export class RemoteTerminalAttachment implements AsyncIterable<string> {
  readonly attachId: string;
  readonly mode: 'control' | 'view';
  #port: AttachmentPort;
  #queue: string[] = [];
  #bytes = 0;
  #dropped = 0;
  #ended = false;
  #endCode: string | undefined;
  #wake: (() => void) | undefined;

  /** @internal */
  constructor(port: AttachmentPort, attachId: string, mode: 'control' | 'view') {
    this.#port = port;
    this.attachId = attachId;
    this.mode = mode;
  }

  /** Bytes of output lost (on the node or here) because this reader was too slow. */
  get droppedBytes(): number {
    return this.#dropped;
  }

  /** True once the attachment ended. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The code it ended with (`ATTACH_REVOKED` …), or `undefined`. */
  get endCode(): string | undefined {
    return this.#endCode;
  }

  /** Types into the remote terminal (`READ_ONLY`, `INPUT_RATE_EXCEEDED` … reject). */
  write(data: string): Promise<void> {
    return this.#act(TERMINAL_METHODS.input, { data });
  }

  /** Resizes the remote terminal (`control` only). */
  resize(cols: number, rows: number): Promise<void> {
    return this.#act(TERMINAL_METHODS.resize, { cols, rows });
  }

  /** Detaches; iteration ends after what arrived. Idempotent. */
  async detach(): Promise<void> {
    if (this.#ended) return;
    this.#end(undefined);
    await this.#port.call(TERMINAL_METHODS.detach, { attach_id: this.attachId }).catch(() => {});
  }

  /** @internal */
  output(data: string): void {
    if (this.#ended) return;
    this.#queue.push(data);
    this.#bytes += Buffer.byteLength(data);
    while (this.#bytes > CLIENT_BUFFER_BYTES && this.#queue.length > 1) {
      const dropped = Buffer.byteLength(this.#queue.shift() as string);
      this.#bytes -= dropped;
      this.#dropped += dropped;
    }
    this.#notify();
  }

  /** @internal */
  droppedOnNode(bytes: number): void {
    this.#dropped += bytes;
  }

  /** @internal */
  end(code: string | undefined): void {
    this.#end(code);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    while (true) {
      const next = this.#queue.shift();
      if (next !== undefined) {
        this.#bytes -= Buffer.byteLength(next);
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  async #act(method: string, params: Record<string, unknown>): Promise<void> {
    if (this.#ended) throw new ExecutionError('SESSION_ENDED', `Cannot ${method}: the attachment ended`);
    const answer = paramsOf(await this.#port.call(method, { attach_id: this.attachId, ...params }));
    if (answer.ok !== true) {
      throw new ExecutionError(String(answer.code) as ErrorCode, String(answer.message ?? method));
    }
  }

  #end(code: string | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#endCode = code;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
