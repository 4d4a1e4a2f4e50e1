/**
 * `execution-plane/http`: unary HTTP requests as executions — `request(url, options)` with split
 * timeouts (connect, headers, idle, total), retries with backoff, jitter and Retry-After, a
 * redirect policy that strips credentials across origins, bounded bodies, and credential
 * redaction in every event and output. Two engines: node:http with keep-alive agents (the
 * default on Node.js, loaded on first use) and any `fetch`.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { HttpErrorCode } from '../core/error-codes.js';
export type { FetchLike, HeaderRecord, HeadersInput } from '../internal/http/headers.js';
export type {
  HttpLaneEvents,
  HttpRedirectRecord,
  HttpRequestEventPayload,
  HttpResponseEventPayload,
  HttpResponseOutput,
  HttpRetryingEventPayload,
} from './events.js';
export type { HttpExecution } from './http-execution.js';
export { httpLane } from './http-lane.js';
export { httpKernelLane } from './kernel-lane.js';
export { httpDefaults } from './limits.js';
export type {
  HttpRedirectOptions,
  HttpRetryOptions,
  HttpTimeoutOptions,
  NodeAgents,
  RequestOptions,
  ResponseType,
} from './options.js';
export { request } from './request.js';
