import type { Duplex } from 'node:stream';
import type { ExecutionError } from '../core/errors.js';
import { processError, unsupportedCapability } from './errors.js';
import { encodeFrame, FrameDecoder } from './guest-codec.js';
import { type BridgeEvent, readMessage, requestMessage } from './guest-protocol.js';

/** Callbacks and limits of a {@link BridgeClient}. */
export interface BridgeClientOptions {
  readonly requestTimeoutMs: number;
  readonly maxFrameBytes: number;
  readonly onEvent: (event: BridgeEvent) => void;
  /** The connection ended (cleanly, or with the protocol error that ended it). */
  readonly onClose: (error: ExecutionError | undefined) => void;
}

interface Pending {
  readonly op: string;
  readonly resolve: (payload: Record<string, unknown>) => void;
  readonly reject: (error: ExecutionError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * A guest bridge client over any duplex byte stream: numbered requests answered by responses
 * with the same id (each bounded by `requestTimeoutMs`), and events handed to `onEvent`.
 */
export class BridgeClient {
  readonly #stream: Duplex;
  readonly #options: BridgeClientOptions;
  readonly #decoder: FrameDecoder;
  readonly #pending = new Map<string, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(stream: Duplex, options: BridgeClientOptions) {
    this.#stream = stream;
    this.#options = options;
    this.#decoder = new FrameDecoder(options.maxFrameBytes);
    stream.on('data', (chunk: Buffer) => this.#onData(chunk));
    stream.on('error', (cause: Error) =>
      this.#close(
        processError(
          'BRIDGE_DISCONNECTED',
          `guest bridge connection failed: ${cause.message}`,
          'remote_disconnect',
          {},
          cause,
        ),
      ),
    );
    stream.on('end', () => this.#close(undefined));
    stream.on('close', () => this.#close(undefined));
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a request; resolves with the response payload, rejects on `ok: false`, timeout or close. */
  request(op: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.#closed) {
      return Promise.reject(disconnected(`guest bridge is closed; cannot send ${op}`));
    }
    const id = String(this.#nextId++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          processError(
            'BRIDGE_REQUEST_TIMEOUT',
            `guest bridge did not answer ${op} in ${this.#options.requestTimeoutMs} ms`,
            'transport_failed',
            {
              op,
              request_timeout_ms: this.#options.requestTimeoutMs,
            },
          ),
        );
      }, this.#options.requestTimeoutMs);
      this.#pending.set(id, { op, resolve, reject, timer });
      this.#stream.write(encodeFrame(requestMessage(id, op, payload)));
    });
  }

  /** Stops reading (backpressure reaches the bridge through the transport). */
  pause(): void {
    this.#stream.pause();
  }

  resume(): void {
    this.#stream.resume();
  }

  /** Sends a last request without waiting for it, then closes the connection. */
  closeWith(op: string, payload: Record<string, unknown>): void {
    if (this.#closed) return;
    const stream = this.#stream;
    stream.end(encodeFrame(requestMessage(String(this.#nextId++), op, payload)), () => stream.destroy());
    this.#close(undefined);
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.#stream.destroy();
    this.#close(undefined);
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    let frames: Record<string, unknown>[];
    try {
      frames = this.#decoder.push(chunk);
      for (const frame of frames) this.#dispatch(frame);
    } catch (error) {
      this.#stream.destroy();
      this.#close(error as ExecutionError);
    }
  }

  #dispatch(frame: Record<string, unknown>): void {
    const message = readMessage(frame);
    if (message.kind === 'event') {
      this.#options.onEvent(message);
      return;
    }
    if (message.kind !== 'response') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) {
      pending.resolve(message.payload);
      return;
    }
    const code = message.error?.code ?? 'unknown';
    if (code === 'unsupported_capability') {
      pending.reject(unsupportedCapability(message.error?.capability ?? pending.op, 'guest'));
      return;
    }
    pending.reject(
      processError('BRIDGE_REMOTE_ERROR', `guest bridge refused ${pending.op}: ${code}`, 'launch_failed', {
        op: pending.op,
        remote_code: code,
        remote_details: message.error?.details ?? null,
      }),
    );
  }

  #close(error: ExecutionError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error ?? disconnected(`guest bridge closed before answering ${pending.op}`));
    }
    this.#pending.clear();
    this.#options.onClose(error);
  }
}

function disconnected(message: string): ExecutionError {
  return processError('BRIDGE_DISCONNECTED', message, 'remote_disconnect');
}
