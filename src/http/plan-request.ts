import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';
import { credentialHeaderSet, normalizeHeaders } from '../internal/http/headers.js';
import { planRedaction } from '../internal/http/redaction.js';
import { redactPlanError } from '../internal/redact-lane.js';
import { checkBody } from './body.js';
import { checkRequestInput } from './check-options.js';
import { defaultEngine } from './default-engine.js';
import { httpDefaults } from './limits.js';
import type { ParsedRequestInput } from './options.js';
import type { HttpRequestPlan, RetryPlan } from './plan.js';
import { type ProxyPlan, planProxy } from './proxy.js';
import { requestUrl } from './request-url.js';

/** Methods the lane sends; CONNECT and unknown verbs are refused before any I/O. */
const HTTP_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];
const METHODS = new Set(HTTP_METHODS);

const DEFAULT_RETRY: RetryPlan = {
  maxRetries: httpDefaults.maxRetries,
  methods: new Set(httpDefaults.retryMethods),
  statusCodes: new Set(httpDefaults.retryStatusCodes),
  backoff: {
    initialDelayMs: httpDefaults.retryInitialDelayMs,
    maxDelayMs: httpDefaults.retryMaxDelayMs,
    jitter: true,
  },
  maxRetryAfterMs: httpDefaults.maxRetryAfterMs,
  onTimeout: true,
};
const NO_RETRY: RetryPlan = { ...DEFAULT_RETRY, maxRetries: 0 };
// Absent option groups read as these (no object made per request for them).
const NONE: { readonly [key: string]: undefined } = {};
const NO_FOLLOW = { follow: false } as const;

/**
 * The HTTP lane's `plan`: checks the payload (`{ url, …options }`, execution options already split
 * off) and applies every default, in one pass. Throws `INVALID_OPTIONS` naming the option (and
 * the nearest known key for a typo) before any I/O.
 */
export function planRequest(
  input: unknown,
  entry = 'http lane payload',
  onHeaders?: HttpRequestPlan['onHeaders'],
): HttpRequestPlan {
  try {
    return checkedPlan(input, entry, onHeaders);
  } catch (error) {
    throw redactPlanError(error, input);
  }
}

function checkedPlan(
  input: unknown,
  entry: string,
  onHeaders: HttpRequestPlan['onHeaders'],
): HttpRequestPlan {
  const parsed = checkRequestInput(input, entry);
  if (parsed.responseType === 'stream' && !onHeaders) {
    // A lane payload's output is data (evidence, a remote node): a live stream cannot be one.
    throw invalidOptions(
      'responseType',
      "'text', 'json' or 'bytes' in a lane payload ('stream' is for request())",
      "'stream'",
      entry,
    );
  }
  const url = requestUrl(parsed.url, parsed.baseUrl, parsed.query, entry);
  const method = (parsed.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) {
    throw invalidOptions('method', `one of ${HTTP_METHODS.join(', ')}`, describeValue(parsed.method), entry);
  }
  const credentials = credentialHeaderSet(parsed.credentialHeaders);
  const headers = normalizeHeaders(parsed.headers, credentials, entry);
  checkBody(parsed.body, method, entry);
  const engine = parsed.engine ?? (parsed.fetch ? 'fetch' : defaultEngine);
  checkExpect(headers.expect, engine, entry);
  const proxy = parsed.proxy === undefined ? undefined : checkedProxy(parsed.proxy, engine, entry);
  const timeouts = parsed.timeouts ?? NONE;
  const redirect = parsed.redirect === false ? NO_FOLLOW : (parsed.redirect ?? NONE);
  return {
    url,
    method,
    headers,
    body: parsed.body,
    responseType: parsed.responseType ?? 'text',
    throwOnHttpError: parsed.throwOnHttpError ?? false,
    connectMs: timeouts.connectMs ?? httpDefaults.connectTimeoutMs,
    continueMs: timeouts.continueMs ?? httpDefaults.continueTimeoutMs,
    headersMs: timeouts.headersMs ?? httpDefaults.headersTimeoutMs,
    idleMs: timeouts.idleMs ?? httpDefaults.idleTimeoutMs,
    totalMs: timeouts.totalMs,
    retry: parsed.retry === false ? NO_RETRY : planRetry(parsed.retry),
    followRedirects: redirect.follow ?? true,
    maxRedirects: ('max' in redirect ? redirect.max : undefined) ?? httpDefaults.maxRedirects,
    maxResponseBytes: parsed.maxResponseBytes ?? httpDefaults.maxResponseBytes,
    redaction: planRedaction(
      url,
      headers,
      credentials,
      proxy?.secrets.length ? [...(parsed.secrets ?? []), ...proxy.secrets] : parsed.secrets,
    ),
    engine,
    fetch: parsed.fetch,
    agents: parsed.agents,
    proxy,
    onHeaders,
  };
}

function planRetry(retry: Exclude<ParsedRequestInput['retry'], false>): RetryPlan {
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

// Only `100-continue` is an expectation HTTP defines, and only node:http can wait for it: fetch
// and undici's `request` refuse the header when they send.
function checkExpect(expect: string | undefined, engine: HttpRequestPlan['engine'], entry: string): void {
  if (expect === undefined) return;
  if (expect.toLowerCase() !== '100-continue') {
    throw invalidOptions('headers.expect', "'100-continue'", describeValue(expect), entry);
  }
  if (engine !== 'node') {
    throw invalidOptions(
      'headers.expect',
      `no expect header on the ${engine} engine (use engine: 'node' for 100-continue)`,
      describeValue(expect),
      entry,
    );
  }
}

// Only node:http is driven here at the socket level; fetch and undici take a proxy through
// their own dispatcher, which the caller passes (`fetch`), so a silent bypass is never possible.
function checkedProxy(
  option: string | URL,
  engine: HttpRequestPlan['engine'],
  entry: string,
): ProxyPlan | undefined {
  if (engine !== 'node') {
    throw invalidOptions(
      'proxy',
      `no proxy on the ${engine} engine (use engine: 'node', or a fetch bound to a proxy dispatcher)`,
      option === 'env' ? "'env'" : 'a proxy URL',
      entry,
    );
  }
  return planProxy(option, entry);
}
