import { type FetchLike, utf8HeaderValue } from '../internal/http/headers.js';
import { isRedirectStatus, MAX_REDIRECTS, nextHop } from '../internal/http/redirect.js';
import { parseRetryAfter } from '../internal/http/retry-after.js';
import { badStatus, notEventStream } from './errors.js';
import { sseDefaults } from './limits.js';
import type { SseStreamPlan } from './plan-stream.js';

/** What a connection attempt led to. */
export type Connected =
  | { readonly kind: 'open'; readonly response: Response; readonly url: URL }
  | { readonly kind: 'no_content'; readonly status: number };

const EVENT_STREAM = /^\s*text\/event-stream\s*(;|$)/i;

/**
 * Sends the stream request (Last-Event-ID when resuming) and checks the answer: 204 means the
 * server wants no more reconnects; a non-2xx or a body that is not `text/event-stream` throws a
 * typed error with a bounded preview of the body. Redirects follow the HTTP lane's policy (up to 20 hops).
 */
export async function connect(
  plan: SseStreamPlan,
  fetchImpl: FetchLike,
  lastEventId: string | undefined,
  signal: AbortSignal,
): Promise<Connected> {
  let url = plan.url;
  let method = plan.method;
  // The spec's ids are UTF-8; sent as such (see utf8HeaderValue), not refused as non-Latin-1.
  let headers = lastEventId
    ? { ...plan.headers, 'last-event-id': utf8HeaderValue(lastEventId) }
    : plan.headers;
  let body = plan.body;
  for (let hops = 0; ; hops++) {
    const response = await fetchImpl(url.href, { method, headers, body, signal, redirect: 'manual' });
    const hop = isRedirectStatus(response.status)
      ? nextHop(
          response.status,
          response.headers.get('location') ?? undefined,
          { url, method, headers },
          plan.redaction.credentials,
        )
      : undefined;
    if (hop && hops < MAX_REDIRECTS) {
      await response.body?.cancel();
      ({ url, method, headers } = hop);
      if (hop.dropBody) body = undefined;
      continue;
    }
    if (response.status === 204) {
      await response.body?.cancel();
      return { kind: 'no_content', status: 204 };
    }
    if (response.status < 200 || response.status > 299) {
      const retryAfter = parseRetryAfter((name) => response.headers.get(name) ?? undefined, Date.now());
      throw badStatus(response.status, response.statusText, await preview(response), retryAfter);
    }
    const type = response.headers.get('content-type');
    if (!type || !EVENT_STREAM.test(type))
      throw notEventStream(response.status, type, await preview(response));
    return { kind: 'open', response, url };
  }
}

// Reads at most `sseDefaults.errorPreviewBytes` of a refused body, then lets the rest go.
async function preview(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < sseDefaults.errorPreviewBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = value.subarray(0, sseDefaults.errorPreviewBytes - bytes);
      bytes += take.byteLength;
      text += decoder.decode(take, { stream: true });
    }
  } catch {
    // A body that fails mid-preview still leaves what was read.
  }
  reader.cancel().catch(() => {});
  return text + decoder.decode();
}
