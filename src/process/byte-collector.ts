import { concatBytes } from '../internal/concat-bytes.js';
import { BoundedCollector } from './bounded-collector.js';

/** Collects bytes up to `maxBytes`, exactly as read (chunks kept by reference: pipes do not reuse them). */
export class ByteCollector extends BoundedCollector<Uint8Array> {
  protected cut(chunk: Uint8Array, room: number): Uint8Array {
    return chunk.subarray(0, room);
  }

  protected join(parts: readonly Uint8Array[], bytes: number): Uint8Array {
    return concatBytes(parts, bytes);
  }

  /** The collected bytes, as a plain `Uint8Array`. */
  bytes(): Uint8Array {
    const only = this.collected() ?? new Uint8Array(0);
    // A Buffer would serialise as { type, data } and compare unequal to a Uint8Array in tests.
    return Object.getPrototypeOf(only) === Uint8Array.prototype
      ? only
      : new Uint8Array(only.buffer, only.byteOffset, only.length);
  }
}
