import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';
import * as contracts from '../core/contracts/index.js';
import type { JsonlEvidenceSink } from '../node/index.js';

type Evidence = Parameters<JsonlEvidenceSink['emit']>[0];

/** Where a rotating sink stands (for `/readyz` and `/metrics`). */
export interface RotatingSinkState {
  /** The last write error, `null` while writes succeed. */
  readonly error: string | null;
  /** Files rotated so far. */
  readonly rotations: number;
}

/**
 * An evidence sink appending one canonical JSON line per record to `path`, rotating when the file
 * would pass `maxBytes`: `path` → `path.1` → … → `path.<maxFiles>` (the oldest is deleted).
 * Writes are synchronous appends, so a record the node has handed over is on disk (in the page
 * cache) before `emit` returns: nothing to lose on a drain, and `flush()` has nothing to wait for.
 * A write error is thrown (the node counts it against this sink) and reported by `state`.
 */
export class RotatingJsonlSink {
  readonly sinkId: string;
  readonly #path: string;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  #size: number;
  #error: string | null = null;
  #rotations = 0;

  constructor(path: string, maxBytes: number, maxFiles: number) {
    this.sinkId = `jsonl:${path}`;
    this.#path = path;
    this.#maxBytes = maxBytes;
    this.#maxFiles = maxFiles;
    this.#size = sizeOf(path);
  }

  get state(): RotatingSinkState {
    return { error: this.#error, rotations: this.#rotations };
  }

  emit(evidence: Evidence): void {
    const line = `${contracts.canonicalJson(evidence)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      appendFileSync(this.#path, line);
      this.#size += bytes;
      this.#error = null;
    } catch (error) {
      this.#error = (error as Error).message;
      throw error;
    }
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  #rotate(): void {
    rmSync(`${this.#path}.${this.#maxFiles}`, { force: true });
    for (let index = this.#maxFiles - 1; index >= 1; index--) {
      try {
        renameSync(`${this.#path}.${index}`, `${this.#path}.${index + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(this.#path, `${this.#path}.1`);
    this.#size = 0;
    this.#rotations++;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
