import { ExecutionError } from '../core/errors.js';
import type { HttpPhase } from '../internal/http/transport-error.js';

/**
 * A phase timeout: class `timeout`, naming the phase and its limit.
 *
 * @example
 * httpTimeout('idle', 5_000).details; // { phase: 'idle', timeout_ms: 5000 }
 */
export function httpTimeout(phase: HttpPhase, timeoutMs: number): ExecutionError {
  return new ExecutionError('TIMEOUT', `HTTP ${phase} timeout after ${timeoutMs} ms`, {
    failureClass: 'timeout',
    details: { phase, timeout_ms: timeoutMs },
  });
}

/** The body is larger than `maxResponseBytes`; `early` when Content-Length said so before reading. */
export function responseTooLarge(
  limit: number,
  early: { contentLength: number } | undefined,
): ExecutionError {
  const why = early ? `Content-Length ${early.contentLength} exceeds` : 'response body exceeds';
  return new ExecutionError('LIMIT_EXCEEDED', `${why} maxResponseBytes (${limit} bytes)`, {
    failureClass: 'protocol_framing_failed',
    details: {
      limit: 'maxResponseBytes',
      limit_bytes: limit,
      ...(early ? { content_length: early.contentLength } : {}),
    },
  });
}

/** More redirect hops than `redirect.max`. */
export function tooManyRedirects(max: number): ExecutionError {
  return new ExecutionError('HTTP_TOO_MANY_REDIRECTS', `more than redirect.max (${max}) redirects`, {
    failureClass: 'protocol_framing_failed',
    details: { limit: 'redirect.max', limit_value: max },
  });
}

/**
 * A 4xx/5xx final response where one was not wanted (`throwOnHttpError`, the body conveniences):
 * class `semantic_runtime_failed`, with the status and a bounded body preview when one was read.
 */
export function httpStatusError(status: number, statusText: string, bodyPreview?: string): ExecutionError {
  return new ExecutionError('HTTP_STATUS', `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, {
    failureClass: 'semantic_runtime_failed',
    details: bodyPreview === undefined ? { status } : { status, body_preview: bodyPreview },
  });
}
