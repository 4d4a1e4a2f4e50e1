import type { ExecutionEventOf } from '../core/event.js';
import type { Execution } from '../core/execution.js';
import type { SseLaneEvents, SseMessageEventPayload, SseStreamOutput } from './events.js';

type Message<V> = SseMessageEventPayload<V>;
type Event<V> = ExecutionEventOf<SseStreamOutput, SseLaneEvents<V>>;

/**
 * The messages of a stream one at a time, whichever way they are delivered (`sse.batch` or
 * `sse.message`): the convenient loop, paying one promise per message where iterating the
 * execution pays one per network chunk. Ends when the stream ends well; rejects with the
 * `ExecutionError` that `execution.output()` rejects with when it did not. Breaking out leaves
 * the stream running, as breaking out of the execution's own loop does.
 */
export function messagesOf<V>(
  execution: Execution<SseStreamOutput, SseLaneEvents<V>>,
): AsyncIterableIterator<Message<V>> {
  // Hand-written rather than an async generator: a message already read is handed over with one
  // resolved promise, without resuming a generator (half the cost per message).
  let events: AsyncIterator<Event<V>[]> | undefined;
  let queued: Event<V>[] = [];
  let at = 0; // next event in `queued`
  let messages: ReadonlyArray<Message<V>> = [];
  let next = 0; // next message in `messages`
  let finished = false;

  const take = (): IteratorResult<Message<V>> | undefined => {
    for (;;) {
      if (next < messages.length) return { done: false, value: messages[next++] as Message<V> };
      const event = queued[at++];
      if (event === undefined) return undefined;
      if (event.event_type === 'sse.batch') {
        messages = event.payload.messages;
        next = 0;
      } else if (event.event_type === 'sse.message') return { done: false, value: event.payload };
    }
  };

  const refill = async (): Promise<IteratorResult<Message<V>>> => {
    events ??= execution.batches()[Symbol.asyncIterator]();
    for (;;) {
      const read = await events.next();
      if (read.done) {
        finished = true;
        await execution.output();
        return { done: true, value: undefined };
      }
      queued = read.value;
      at = 0;
      const result = take();
      if (result) return result;
    }
  };

  const iterator: AsyncIterableIterator<Message<V>> = {
    next: () => {
      if (finished) return Promise.resolve({ done: true, value: undefined });
      const result = take();
      return result ? Promise.resolve(result) : refill();
    },
    return: async () => {
      finished = true;
      await events?.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
