import type { LaneContext } from '../core/index.js';
import { messagePayload } from './decode-value.js';
import type { SseLaneEvents, SseMessageEventPayload } from './events.js';
import { parseSse, type SseMessage, type SseParser } from './parse-sse.js';
import type { SseStreamPlan } from './plan-stream.js';

type Pending = SseMessage | { readonly comment: string };
type Wait = undefined | Promise<void>;

/**
 * Parses a connection's bytes and delivers what they hold as lane events, waiting whenever the
 * consumer is behind. Tracks what a resume needs: the last event id, and how many delivered
 * messages came after it (a resume would repeat those). Survives reconnects; `reset` between.
 */
export class Delivery {
  /** Messages delivered (the sentinel not counted). */
  messages = 0;
  /** The last id a block set (`''` means none), sent as Last-Event-ID. */
  lastEventId: string | undefined;
  /** Messages delivered since the last id. */
  sinceId = 0;
  /** The server's `retry:`, in milliseconds. */
  serverRetryMs: number | undefined;
  sentinelSeen = false;
  #plan: SseStreamPlan;
  #emit: LaneContext<SseLaneEvents>['emit'];
  #parser: SseParser;
  #pending: Pending[] = [];

  constructor(plan: SseStreamPlan, emit: LaneContext<SseLaneEvents>['emit']) {
    this.#plan = plan;
    this.#emit = emit;
    this.lastEventId = plan.lastEventId;
    this.#parser = parseSse({
      maxEventBytes: plan.maxEventBytes,
      onEvent: (message) => {
        if (message.id === undefined) this.sinceId++;
        this.#pending.push(message);
      },
      onId: (id) => {
        this.lastEventId = id;
        this.sinceId = 0;
      },
      onRetry: (ms) => {
        this.serverRetryMs = ms;
      },
      onComment: plan.comments ? (comment) => this.#pending.push({ comment }) : undefined,
    });
  }

  /** Drops partial input from a previous connection. */
  reset(): void {
    this.#parser.reset();
    this.#pending.length = 0;
  }

  /**
   * Parses a chunk and delivers its events in order. Returns a promise only when the consumer
   * is behind (or a schema validates asynchronously): await it before reading more.
   */
  feed(chunk: Uint8Array): Wait {
    this.#parser.feed(chunk);
    const pending = this.#pending;
    if (pending.length === 0) return undefined;
    if (this.#plan.batch) return this.#deliverBatch();
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
    if (json === false) return this.#emit('sse.message', normalize(item));
    const payload = messagePayload(item, json);
    return payload instanceof Promise
      ? payload.then((p) => this.#emit('sse.message', p))
      : this.#emit('sse.message', payload);
  }

  // One `sse.batch` per chunk: a chunk's comments first, then its messages up to any sentinel.
  // The pending array itself becomes the batch, compacted in place.
  async #deliverBatch(): Promise<void> {
    const batch = this.#pending as Array<Pending | SseMessageEventPayload>;
    this.#pending = [];
    const { json, sentinel, comments } = this.#plan;
    let kept = 0;
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i] as Pending;
      if (comments && 'comment' in item) {
        const wait = this.#emit('sse.comment', { text: item.comment });
        if (wait) await wait;
        continue;
      }
      const message = item as SseMessage;
      if (message.data === sentinel) {
        this.sentinelSeen = true;
        break;
      }
      const payload = json === false ? normalize(message) : messagePayload(message, json);
      batch[kept++] = payload instanceof Promise ? await payload : payload;
    }
    if (kept === 0) return;
    batch.length = kept;
    this.messages += kept;
    const wait = this.#emit('sse.batch', { messages: batch as SseMessageEventPayload[] });
    if (wait) await wait;
  }
}

// The parser's own object becomes the payload: `id` null and `event` 'message' when absent.
function normalize(message: SseMessage): SseMessageEventPayload {
  const payload = message as { id: string | null | undefined; event: string | undefined; data: string };
  payload.id ??= null;
  payload.event ??= 'message';
  return payload as SseMessageEventPayload;
}
