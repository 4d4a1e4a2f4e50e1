import { invalidJson, schemaMismatch } from './errors.js';
import type { SseMessageEventPayload } from './events.js';
import type { StandardSchemaLike } from './options.js';

type Payload = SseMessageEventPayload;

/**
 * The payload of a message (an `sse.message`, or an element of an `sse.batch`), its data parsed as JSON (and validated by `schema`)
 * when asked. Throws a typed error for invalid JSON or a schema mismatch; a Promise only when
 * the schema validates asynchronously.
 */
export function messagePayload(
  message: Payload,
  json: boolean | StandardSchemaLike,
): Payload | Promise<Payload> {
  if (json === false) return message;
  const { id, event, data } = message;
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
