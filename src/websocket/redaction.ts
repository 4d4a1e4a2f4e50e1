import { createRedactor, type Redactor } from '../internal/redact.js';
import { credentialValues } from '../internal/redact-lane.js';

/**
 * The redactor of one WebSocket session: the caller's `secrets`, plus every value under a
 * credential-looking header or query-parameter name, so a peer that echoes its `Authorization`
 * header or its `?token=` into a message or a close reason is scrubbed too.
 */
export function websocketRedactor(plan: {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets?: readonly string[] | undefined;
}): Redactor {
  let url: URL | undefined;
  try {
    url = new URL(plan.url);
  } catch {
    url = undefined;
  }
  return createRedactor({ secrets: [...(plan.secrets ?? []), ...credentialValues(plan.headers, url)] });
}
