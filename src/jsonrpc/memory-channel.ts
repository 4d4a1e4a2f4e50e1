import { ExecutionError } from '../core/errors.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import { jsonRpcDefaults } from './defaults.js';

/**
 * Two linked in-memory channels: what one sends, the other receives, asynchronously and in order,
 * with the same backpressure and close semantics as a real transport. For tests and for running
 * a client and a server in one process.
 *
 * @example
 * const [clientSide, serverSide] = createMemoryChannelPair();
 * const server = createJsonRpcConnection(serverSide);
 * server.onRequest('add', ([a, b]) => a + b);
 * const client = createJsonRpcConnection(clientSide);
 * await client.request('add', [1, 2]); // 3
 */
export function createMemoryChannelPair(
  capacity = jsonRpcDefaults.memoryChannelCapacity,
): [JsonRpcChannel, JsonRpcChannel] {
  const a = new MemoryEnd(capacity);
  const b = new MemoryEnd(capacity);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryEnd implements JsonRpcChannel {
  peer!: MemoryEnd;
  #capacity: number;
  #inbox: string[] = [];
  #head = 0;
  #sink: JsonRpcChannelSink | undefined;
  #pumping = false;
  #ending = false;
  #closed = false;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  start(sink: JsonRpcChannelSink): void {
    if (this.#sink) throw new ExecutionError('ALREADY_STARTED', 'channel already started');
    this.#sink = sink;
    this.#schedule();
  }

  send(text: string): undefined | Promise<void> {
    if (this.#ending || this.peer.#ending) {
      return Promise.reject(
        new ExecutionError('CHANNEL_CLOSED', 'memory channel is closed', {
          failureClass: 'remote_disconnect',
        }),
      );
    }
    return this.peer.#deliver(text);
  }

  close(): Promise<void> {
    this.#end();
    this.peer.#end();
    return Promise.resolve();
  }

  #deliver(text: string): undefined | Promise<void> {
    if (this.#inbox.length - this.#head >= this.#capacity) {
      return Promise.reject(
        new ExecutionError('LIMIT_EXCEEDED', `memory channel holds ${this.#capacity} undelivered messages`, {
          details: { limit: 'capacity', value: this.#capacity },
        }),
      );
    }
    this.#inbox.push(text);
    this.#schedule();
    return undefined;
  }

  // Delivery is asynchronous, like real I/O, so a send never re-enters the sender's own code.
  #schedule(): void {
    if (this.#pumping || !this.#sink) return;
    this.#pumping = true;
    queueMicrotask(() => void this.#pump());
  }

  async #pump(): Promise<void> {
    const sink = this.#sink as JsonRpcChannelSink;
    while (this.#head < this.#inbox.length) {
      const text = this.#inbox[this.#head] as string;
      this.#inbox[this.#head++] = '';
      const wait = sink.message(text);
      if (wait) await wait;
    }
    this.#inbox = [];
    this.#head = 0;
    this.#pumping = false;
    if (this.#ending && !this.#closed) {
      this.#closed = true;
      sink.closed();
    }
  }

  #end(): void {
    if (this.#ending) return;
    this.#ending = true;
    this.#schedule();
  }
}
