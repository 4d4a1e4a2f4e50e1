import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { EvidenceSink } from '../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../core/contracts/boundary/evidence.js';
import { canonicalJson } from '../core/contracts/primitives/canonical-json.js';

/** An evidence sink writing one canonical JSON record per line to a file; its `sinkId` is `jsonl:<path>`. */
export interface JsonlEvidenceSink extends EvidenceSink, AsyncDisposable {
  /** Waits until every record written so far has reached the file. */
  flush(): Promise<void>;
  /** Flushes and closes the file (idempotent). */
  close(): Promise<void>;
}

/**
 * An evidence sink that appends each record as one line of canonical JSON (sorted keys) to
 * `path`. Read it back with `decodeBoundary(EvidenceSchema, line)`. `emit` returns a promise only
 * when the file stream is over its buffer (the node then waits, bounded, before the next record);
 * a write error makes later `emit` calls throw, which the node counts as sink failures.
 *
 * @example
 * const sink = createJsonlEvidenceSink('/var/log/node-evidence.jsonl');
 * node.registerEvidenceSink(sink);
 * // … on shutdown
 * await node.close();
 * await sink.close();
 */
export function createJsonlEvidenceSink(path: string): JsonlEvidenceSink {
  return new JsonlSink(path, `jsonl:${path}`);
}

class JsonlSink implements JsonlEvidenceSink {
  readonly sinkId: string;
  #stream: WriteStream;
  #error: Error | undefined;
  #closed: Promise<void> | undefined;

  constructor(path: string, sinkId: string) {
    this.sinkId = sinkId;
    this.#stream = createWriteStream(path, { flags: 'a' });
    this.#stream.on('error', (error) => {
      this.#error = error;
    });
  }

  emit(evidence: Evidence): undefined | Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#closed) throw new Error(`evidence sink ${this.sinkId} is closed`);
    if (this.#stream.write(`${canonicalJson(evidence)}\n`)) return undefined;
    return once(this.#stream, 'drain').then(() => undefined);
  }

  flush(): Promise<void> {
    if (this.#error || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#stream.write('', () => resolve()));
  }

  close(): Promise<void> {
    this.#closed ??= new Promise((resolve) => {
      if (this.#stream.closed) return resolve();
      this.#stream.end(() => resolve());
      this.#stream.once('error', () => resolve());
    });
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
