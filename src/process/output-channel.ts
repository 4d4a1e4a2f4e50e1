import { StringDecoder } from 'node:string_decoder';
import type { LaneContext } from '../core/index.js';
import type { ByteCollector } from './byte-collector.js';
import type { OutputStream, ProcessEvents } from './events.js';
import { LineFramer } from './line-framer.js';
import type { ProcessSettings } from './settings.js';
import type { TailRing } from './tail-ring.js';
import type { TextCollector } from './text-collector.js';

type Emit = LaneContext<ProcessEvents>['emit'];

/**
 * One output stream of a child: UTF-8 decoding that holds back split characters, line framing
 * (or raw text), collection, the stderr tail, and one `process.output` event per chunk read. With
 * `encoding: 'buffer'` (a {@link ByteCollector}) the bytes pass through undecoded.
 */
export class OutputChannel {
  readonly #stream: OutputStream;
  readonly #emit: Emit;
  readonly #decoder = new StringDecoder('utf8');
  readonly #framer: LineFramer | undefined;
  readonly #collector: TextCollector | undefined;
  readonly #bytesCollector: ByteCollector | undefined;
  readonly #tail: TailRing | undefined;
  readonly #onOverflow: (stream: OutputStream, bytes: number) => void;
  #bytes = 0;
  // Bytes a code unit of the current chunk may cost: 1 for ASCII (exact), 3 otherwise (the most
  // UTF-8 spends on a UTF-16 unit, above V8's 2 for a two-byte string): an upper bound, per chunk.
  #unitBytes = 1;

  constructor(
    stream: OutputStream,
    settings: ProcessSettings,
    emit: Emit,
    collector: TextCollector | ByteCollector,
    tail: TailRing | undefined,
    onOverflow: (stream: OutputStream, bytes: number) => void,
  ) {
    this.#stream = stream;
    this.#emit = emit;
    if (settings.encoding === 'buffer') this.#bytesCollector = collector as ByteCollector;
    else this.#collector = collector as TextCollector;
    this.#tail = tail;
    this.#onOverflow = onOverflow;
    if (settings.framing === 'lines') {
      this.#framer = new LineFramer({ maxLineBytes: settings.maxLineBytes, longLines: settings.longLines });
    }
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Handles one chunk; returns a promise when the consumer needs reading to pause. */
  readonly handle = (chunk: Buffer): undefined | Promise<void> => {
    this.#bytes += chunk.length;
    this.#tail?.push(chunk);
    const bytes = this.#bytesCollector;
    if (bytes) {
      // A plain view (no copy): a Buffer would serialise and compare as something else.
      const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      bytes.push(view);
      return this.#emit('process.output', { stream: this.#stream, bytes: view }, view.length + 32);
    }
    const text = this.#decoder.write(chunk);
    this.#unitBytes = text.length === chunk.length ? 1 : 3;
    // Decoded, the bytes are garbage unless the tail keeps them: free them now.
    if (!this.#tail) release(chunk);
    return this.#deliver(text);
  };

  /** Ends the stream: flushes a held-back partial character and the trailing partial line. */
  finish(): undefined | Promise<void> {
    if (this.#bytesCollector) return undefined;
    const wait = this.#deliver(this.#decoder.end());
    const framer = this.#framer;
    if (!framer) return wait;
    const rest = framer.flush();
    return rest.length === 0 ? wait : chain(wait, () => this.#emitBatches(rest));
  }

  #deliver(text: string): undefined | Promise<void> {
    if (text.length === 0) return undefined;
    if (this.#collector?.open) this.#collector.push(text, Buffer.byteLength(text, 'utf8'));
    const framer = this.#framer;
    if (!framer)
      return this.#emit('process.output', { stream: this.#stream, data: text }, this.#heapBytes(text));
    const batches = framer.push(text);
    if (framer.overflowBytes !== undefined) this.#onOverflow(this.#stream, framer.overflowBytes);
    return batches.length === 0 ? undefined : this.#emitBatches(batches, framer.chars);
  }

  // `chars`: the characters of a single batch's lines when the framer counted them, else -1.
  #emitBatches(batches: ReturnType<LineFramer['push']>, chars = -1): undefined | Promise<void> {
    if (batches.length === 1) return this.#emitBatch(batches[0] as (typeof batches)[0], chars);
    return (async () => {
      for (const batch of batches) await this.#emitBatch(batch);
    })();
  }

  // What a string of output costs an event queue, as core's byte bound counts it: its bytes (exact
  // for ASCII, an upper bound otherwise) plus a string header and array slot. No per-line encoding.
  #heapBytes(text: string): number {
    return text.length * this.#unitBytes + 32;
  }

  #emitBatch(batch: ReturnType<LineFramer['push']>[number], chars = -1): undefined | Promise<void> {
    const { lines } = batch;
    // The same sum as line by line (a header and slot each), without a pass over every line.
    let bytes = chars >= 0 ? chars * this.#unitBytes + 32 * lines.length : 0;
    if (chars < 0) for (const line of lines) bytes += this.#heapBytes(line);
    return this.#emit(
      'process.output',
      batch.partial
        ? { stream: this.#stream, lines: batch.lines, partial: true }
        : { stream: this.#stream, lines: batch.lines },
      bytes,
    );
  }
}

/**
 * Frees a chunk's memory at once when the chunk is all of its `ArrayBuffer` (each pipe read gets
 * one of its own). Left to the garbage collector, a read's 64 KiB waits in `malloc` for the next
 * scavenge, and a consumer that allocates little between reads lets dozens pile up: about 8 MiB
 * more peak RSS than a plain read loop in a 256 MiB line flood. A view of a shared or pooled
 * buffer (small `Buffer.from` copies, slices) is left alone.
 */
function release(chunk: Buffer): void {
  const { buffer } = chunk;
  if (chunk.byteOffset !== 0 || buffer.byteLength !== chunk.byteLength || !(buffer instanceof ArrayBuffer))
    return;
  try {
    buffer.transfer(0);
  } catch {
    // A buffer its owner made non-detachable is left to the garbage collector.
  }
}

function chain(
  first: undefined | Promise<void>,
  next: () => undefined | Promise<void>,
): undefined | Promise<void> {
  return first ? first.then(next) : next();
}
