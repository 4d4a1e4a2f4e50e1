import type { ExecutionError } from '../core/index.js';
import type { JsonRpcChannelSink } from './channel.js';
import type { FrameDecoder } from './frame-sink.js';
import { createFrameDecoder, type JsonRpcFraming } from './framing.js';

/** Size limits of a framed byte stream. */
export interface FramingLimits {
  /** @defaultValue `jsonRpcDefaults.maxMessageBytes` */
  readonly maxMessageBytes?: number | undefined;
  /** @defaultValue `jsonRpcDefaults.maxHeaderBytes` */
  readonly maxHeaderBytes?: number | undefined;
}

/**
 * Bridges a byte stream to a channel sink through a framer. `feed` returns a promise when the
 * sink asked to slow down, so the caller stops reading until it resolves. A framing error is
 * fatal for the stream (a frame was lost and requests would hang): `onFatal` is called once.
 */
export class FramedReader {
  #decoder: FrameDecoder;
  #wait: Promise<void> | undefined;
  #failed = false;

  constructor(
    framing: JsonRpcFraming,
    sink: JsonRpcChannelSink,
    limits: FramingLimits,
    onFatal: (error: ExecutionError) => void,
  ) {
    this.#decoder = createFrameDecoder(
      framing,
      {
        frame: (text) => {
          if (!this.#failed) this.#wait = sink.message(text) ?? this.#wait;
        },
        noise: (text) => {
          if (!this.#failed) this.#wait = sink.diagnostic({ kind: 'noise', text }) ?? this.#wait;
        },
        error: (error) => {
          if (this.#failed) return;
          this.#failed = true;
          onFatal(error);
        },
      },
      { maxMessageBytes: limits.maxMessageBytes, maxHeaderBytes: limits.maxHeaderBytes },
    );
  }

  get failed(): boolean {
    return this.#failed;
  }

  feed(chunk: Uint8Array | string): undefined | Promise<void> {
    if (this.#failed) return undefined;
    this.#decoder.feed(chunk);
    const wait = this.#wait;
    this.#wait = undefined;
    return wait;
  }

  end(): void {
    if (!this.#failed) this.#decoder.end();
  }
}
