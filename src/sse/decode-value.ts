import { invalidJson, schemaMismatch } from './errors.js';
import type { SseMessageEventPayload } from './events.js';
import type { StandardSchemaLike } from './options.js';
import type { SseMessage } from './parse-sse.js';

type Payload = SseMessageEventPayload;

/**
 * The payload of a message (an `sse.message`, or an element of an `sse.batch`), its data parsed as JSON (and validated by `schema`)
 * when asked. Throws a typed error for invalid JSON or a schema mismatch; a Promise only when
 * the schema validates asynchronously.
 */
export function messagePayload(
  message: SseMessage,
  json: boolean | StandardSchemaLike,
): Payload | Promise<Payload> {
  const id = message.id ?? null;
  const event = message.event ?? 'message';
  const { data } = message;
  if (json === false) return { id, event, data };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (cause) {
    throw invalidJson(id, data, cause);
  }
  if (json === true) return { id, event, data, value: parsed };
  const result = json['~standard'].validate(parsed);
  const finish = (r: Awaited<typeof result>): Payload => {
    if (r.issues) throw schemaMismatch(id, r.issues);
    return { id, event, data, value: r.value };
  };
  return result instanceof Promise ? result.then(finish) : finish(result);
}
