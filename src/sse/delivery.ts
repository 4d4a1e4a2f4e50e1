import type { LaneContext } from '../core/lane.js';
import { EventStreamParser, type EventStreamSink } from '../internal/event-stream-parser.js';
import { BatchBuilder } from './batch-builder.js';
import { messagePayload } from './decode-value.js';
import type { SseLaneEvents, SseMessageEventPayload } from './events.js';
import type { SseStreamPlan } from './plan-stream.js';

type Payload = SseMessageEventPayload;
type Pending = Payload | { readonly comment: string };
type Wait = undefined | Promise<void>;

/**
 * Parses a connection's bytes and delivers what they hold as lane events, waiting whenever the
 * consumer is behind. Tracks what a resume needs: the last event id, and how many delivered
 * messages came after it (a resume would repeat those). Survives reconnects; `reset` between.
 *
 * It is the parser's sink: each dispatched event becomes its payload at once, gathered for the
 * chunk's `sse.batch` (the default) — one object per message, no callback chain and no second
 * pass. Per-message mode and `json` collect the chunk's payloads first and deliver (or decode)
 * them afterwards.
 */
export class Delivery implements EventStreamSink {
  /** Messages delivered (the sentinel not counted). */
  messages = 0;
  /** The last id a block set (`''` means none), sent as Last-Event-ID. */
  lastEventId: string | undefined;
  /** Messages delivered since the last id. */
  sinceId = 0;
  /** The server's `retry:`, in milliseconds. */
  serverRetryMs: number | undefined;
  sentinelSeen = false;
  readonly comment: ((text: string) => void) | null;
  #plan: SseStreamPlan;
  #emit: LaneContext<SseLaneEvents>['emit'];
  #parser: EventStreamParser;
  // Payloads (and, in per-message mode, comments) of the chunk being parsed, in order.
  #pending: Pending[] = [];
  // Batch mode without json: the chunk's payloads, up to the sentinel.
  #batch = new BatchBuilder<Payload>();
  // Batch mode: the chunk's comments, delivered before its batch.
  #comments: string[] = [];
  // Batch mode without json: the sentinel is found while parsing, and nothing after it kept.
  #direct: boolean;
  #sentinel: string | null;
  // Its length (-1 for none): most data differ from it in length, which is compared first.
  #sentinelLength: number;
  // Bytes of the chunk being delivered: what its batch holds alive (the data are slices of it),
  // reported to the event queue, whose byte limit then bounds what waits for the consumer.
  #chunkBytes = 0;

  constructor(plan: SseStreamPlan, emit: LaneContext<SseLaneEvents>['emit']) {
    this.#plan = plan;
    this.#emit = emit;
    this.lastEventId = plan.lastEventId;
    this.#direct = plan.batch && plan.json === false;
    this.#sentinel = plan.sentinel;
    this.#sentinelLength = plan.sentinel === null ? -1 : plan.sentinel.length;
    this.comment = plan.comments
      ? plan.batch
        ? (text) => this.#comments.push(text)
        : (text) => this.#pending.push({ comment: text })
      : null;
    this.#parser = new EventStreamParser(this, plan.maxEventBytes);
  }

  /** The parser's sink: a dispatched event, kept as its payload. */
  event(data: string, event: string | undefined, id: string | undefined): void {
    if (id === undefined) this.sinceId++;
    const direct = this.#direct;
    if (direct) {
      // Nothing after the sentinel is delivered.
      if (this.sentinelSeen) return;
      if (data.length === this.#sentinelLength && data === this.#sentinel) {
        this.sentinelSeen = true;
        return;
      }
    }
    const payload = { id: id ?? null, event: event ?? 'message', data };
    if (direct) this.#batch.add(payload);
    else this.#pending.push(payload);
  }

  /** The parser's sink: a block set the last event id. */
  id(id: string): void {
    this.lastEventId = id;
    this.sinceId = 0;
  }

  /** The parser's sink: the server's `retry:`. */
  retry(ms: number): void {
    this.serverRetryMs = ms;
  }

  /** The parser's sink: skipped lines are not the lane's business. */
  ignored(): void {}

  /** Drops partial input from a previous connection. */
  reset(): void {
    this.#parser.reset();
    this.#pending.length = 0;
    this.#batch.clear();
    this.#comments.length = 0;
  }

  /**
   * Parses a chunk and delivers its events in order. Returns a promise only when the consumer
   * is behind (or a schema validates asynchronously): await it before reading more.
   */
  feed(chunk: Uint8Array): Wait {
    this.#chunkBytes = chunk.byteLength;
    this.#parser.feed(chunk);
    if (this.#plan.batch) return this.#deliverBatch();
    const pending = this.#pending;
    if (pending.length === 0) return undefined;
    for (let i = 0; i < pending.length; i++) {
      const wait = this.#deliverOne(pending[i] as Pending);
      if (this.sentinelSeen) break;
      if (wait) return this.#resume(wait, i + 1);
    }
    pending.length = 0;
    return undefined;
  }

  async #resume(wait: Promise<void>, from: number): Promise<void> {
    await wait;
    const pending = this.#pending;
    for (let i = from; i < pending.length && !this.sentinelSeen; i++) {
      const next = this.#deliverOne(pending[i] as Pending);
      if (next) await next;
    }
    pending.length = 0;
  }

  #deliverOne(item: Pending): Wait {
    if ('comment' in item) return this.#emit('sse.comment', { text: item.comment });
    if (item.data === this.#plan.sentinel) {
      this.sentinelSeen = true;
      return undefined;
    }
    this.messages++;
    const { json } = this.#plan;
    const bytes = item.data.length;
    if (json === false) return this.#emit('sse.message', item, bytes);
    const payload = messagePayload(item, json);
    return payload instanceof Promise
      ? payload.then((p) => this.#emit('sse.message', p, bytes))
      : this.#emit('sse.message', payload, bytes);
  }

  // One `sse.batch` per chunk: the chunk's comments first, then its messages up to any sentinel.
  #deliverBatch(): Wait {
    const comments = this.#comments;
    if (comments.length > 0) return this.#commentsThenBatch();
    return this.#messagesBatch();
  }

  // The chunk's messages as its `sse.batch`, if it has any.
  #messagesBatch(): Wait {
    if (this.#direct) return this.#batch.length === 0 ? undefined : this.#emitBatch(this.#batch.take());
    return this.#pending.length === 0 ? undefined : this.#decodeThenBatch();
  }

  async #commentsThenBatch(): Promise<void> {
    const comments = this.#comments;
    this.#comments = [];
    for (const text of comments) {
      const wait = this.#emit('sse.comment', { text });
      if (wait) await wait;
    }
    const wait = this.#messagesBatch();
    if (wait) await wait;
  }

  // With `json`: each message's data parsed (and validated) in order, up to the sentinel. The
  // pending array is compacted in place. A message that fails to decode ends the stream after
  // the messages before it are delivered, as it would one message at a time.
  async #decodeThenBatch(): Promise<void> {
    const batch = this.#take() as Pending[];
    const { json, sentinel } = this.#plan;
    let kept = 0;
    let failure: unknown;
    try {
      for (let i = 0; i < batch.length; i++) {
        const message = batch[i] as Payload;
        if (message.data === sentinel) {
          this.sentinelSeen = true;
          break;
        }
        const payload = messagePayload(message, json as Exclude<typeof json, false>);
        batch[kept++] = payload instanceof Promise ? await payload : payload;
      }
    } catch (error) {
      failure = error;
    }
    batch.length = kept;
    const wait = this.#emitBatch(batch as Payload[]);
    if (wait) await wait;
    if (failure !== undefined) throw failure;
  }

  // With `json`, the pending array itself becomes the batch; the next chunk starts a new one.
  #take(): Pending[] {
    const taken = this.#pending;
    this.#pending = [];
    return taken;
  }

  #emitBatch(messages: Payload[]): Wait {
    if (messages.length === 0) return undefined;
    this.messages += messages.length;
    return this.#emit('sse.batch', { messages }, this.#chunkBytes);
  }
}
