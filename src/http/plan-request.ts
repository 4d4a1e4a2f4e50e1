import type * as z from 'zod/mini';
import { invalidOptions } from '../core/index.js';
import { describeValue } from '../internal/describe-value.js';
import { checkBody } from './body.js';
import { credentialHeaderSet, normalizeHeaders } from './headers.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_INITIAL_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_RETRY_METHODS,
  DEFAULT_RETRY_STATUS_CODES,
} from './limits.js';
import type { HttpRequestInputSchema, HttpRetrySchema } from './options.js';
import type { HttpRequestPlan, RetryPlan } from './plan.js';

/** Methods the lane sends; CONNECT and unknown verbs are refused before any I/O. */
export const HTTP_METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
];
const METHODS = new Set(HTTP_METHODS);

const DEFAULT_RETRY: RetryPlan = {
  maxRetries: DEFAULT_MAX_RETRIES,
  methods: new Set(DEFAULT_RETRY_METHODS),
  statusCodes: new Set(DEFAULT_RETRY_STATUS_CODES),
  backoff: {
    initialDelayMs: DEFAULT_RETRY_INITIAL_DELAY_MS,
    maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS,
    jitter: true,
  },
  maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
  onTimeout: true,
};
const NO_RETRY: RetryPlan = { ...DEFAULT_RETRY, maxRetries: 0 };

// Bun and Deno also set `process.versions.node` and ship node:http, so the Node engine works there.
const ON_NODE = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Resolves parsed options into a plan: URL, method, headers and body checked, defaults applied.
 * Throws `INVALID_OPTIONS` naming the option; runs before any I/O.
 */
export function planRequest(input: z.output<typeof HttpRequestInputSchema>, entry: string): HttpRequestPlan {
  const url = parseUrl(input.url, entry);
  const method = (input.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) {
    throw invalidOptions('method', `one of ${HTTP_METHODS.join(', ')}`, describeValue(input.method), entry);
  }
  const credentials = credentialHeaderSet(input.credentialHeaders);
  const headers = normalizeHeaders(input.headers, credentials, entry);
  checkBody(input.body, method, entry);
  const timeouts = input.timeouts ?? {};
  const redirect = input.redirect === false ? { follow: false } : (input.redirect ?? {});
  return {
    url,
    method,
    headers,
    body: input.body,
    responseType: input.responseType ?? 'text',
    throwOnHttpError: input.throwOnHttpError ?? false,
    connectMs: timeouts.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    headersMs: timeouts.headersMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    idleMs: timeouts.idleMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    totalMs: timeouts.totalMs,
    retry: input.retry === false ? NO_RETRY : planRetry(input.retry),
    followRedirects: redirect.follow ?? true,
    maxRedirects: ('max' in redirect ? redirect.max : undefined) ?? DEFAULT_MAX_REDIRECTS,
    maxResponseBytes: input.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    credentials,
    engine: input.engine ?? (input.fetch || !ON_NODE ? 'fetch' : 'node'),
    fetch: input.fetch,
    agents: input.agents,
  };
}

function parseUrl(value: string | URL, entry: string): URL {
  const url = value instanceof URL ? value : URL.parse(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalidOptions('url', 'an absolute http: or https: URL', describeValue(String(value)), entry);
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL leak into logs and redirects; they belong in a header.
    throw invalidOptions(
      'url',
      'a URL without user-info (send credentials in a header)',
      'a URL with user-info',
      entry,
    );
  }
  return url;
}

function planRetry(retry: z.output<typeof HttpRetrySchema> | undefined): RetryPlan {
  if (retry === undefined) return DEFAULT_RETRY;
  return {
    maxRetries: retry.maxRetries ?? DEFAULT_RETRY.maxRetries,
    methods: retry.methods ? new Set(retry.methods.map((m) => m.toUpperCase())) : DEFAULT_RETRY.methods,
    statusCodes: retry.statusCodes ? new Set(retry.statusCodes) : DEFAULT_RETRY.statusCodes,
    backoff: {
      initialDelayMs: retry.initialDelayMs ?? DEFAULT_RETRY.backoff.initialDelayMs,
      maxDelayMs: retry.maxDelayMs ?? DEFAULT_RETRY.backoff.maxDelayMs,
      jitter: retry.jitter ?? DEFAULT_RETRY.backoff.jitter,
    },
    maxRetryAfterMs: retry.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs,
    onTimeout: retry.onTimeout ?? DEFAULT_RETRY.onTimeout,
  };
}
