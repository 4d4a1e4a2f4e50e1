import type { Execution } from '../core/execution.js';
import type { SseLaneEvents, SseMessageEventPayload, SseStreamOutput } from './events.js';

/**
 * The messages of a stream one at a time, whichever way they are delivered (`sse.batch` or
 * `sse.message`): the convenient loop, paying one promise per message where iterating the
 * execution pays one per network chunk. Ends when the stream ends well; rejects with the
 * `ExecutionError` that `execution.output()` rejects with when it did not. Breaking out leaves
 * the stream running, as breaking out of the execution's own loop does.
 */
export async function* messagesOf<V>(
  execution: Execution<SseStreamOutput, SseLaneEvents<V>>,
): AsyncGenerator<SseMessageEventPayload<V>, void, undefined> {
  // batches(): one promise per read of the queue, not per event, under the one per message.
  for await (const events of execution.batches()) {
    for (const event of events) {
      if (event.event_type === 'sse.batch') for (const message of event.payload.messages) yield message;
      else if (event.event_type === 'sse.message') yield event.payload;
    }
  }
  await execution.output();
}
