/**
 * `execution-plane/http`: unary HTTP requests as executions — split timeouts (connect, headers,
 * idle, total), retries with backoff, jitter and Retry-After, a redirect policy that strips
 * credentials across origins, bounded bodies, and credential redaction in every event and
 * output. Two engines: node:http with keep-alive agents (the default on Node.js, loaded on first
 * use) and any `fetch`.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export { type BackoffPolicy, backoffDelay } from './backoff.js';
export { classifyTransportError, type HttpPhase } from './errors.js';
export type {
  HttpLaneEvents,
  HttpRedirectRecord,
  HttpRequestEventPayload,
  HttpResponseEventPayload,
  HttpResponseOutput,
  HttpRetryingEventPayload,
} from './events.js';
export {
  credentialHeaderSet,
  DEFAULT_CREDENTIAL_HEADERS,
  type HeaderRecord,
  type HeadersInput,
  normalizeHeaders,
  REDACTED,
  redactHeaders,
} from './headers.js';
export { HttpPayloadSchema, httpLane } from './http-lane.js';
export { httpPayloadFromIntent, SAFE_IDEMPOTENT_RETRY_CLASS } from './intent.js';
export { httpKernelLane } from './kernel-lane.js';
export {
  DEFAULT_BODY_PREVIEW_BYTES,
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
export type { FetchLike, HttpRequestInput, NodeAgents, RequestOptions, ResponseType } from './options.js';
export type { HttpRequestPlan, RetryPlan } from './plan.js';
export { HTTP_METHODS } from './plan-request.js';
export { isRedirectStatus, nextHop, type RedirectHop } from './redirect.js';
export { type BodyFor, request } from './request.js';
export { parseRetryAfter } from './retry-after.js';
export { PhaseWatchdog } from './watchdog.js';
