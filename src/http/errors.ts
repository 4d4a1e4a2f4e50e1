import { ExecutionError, isExecutionError } from '../core/index.js';

/** Which part of an exchange a timeout or transport error hit. */
export type HttpPhase = 'dns' | 'connect' | 'tls' | 'headers' | 'body' | 'idle' | 'total';

// Network error codes worth another attempt (undici's RetryHandler list plus DNS flaps).
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** True for network error codes worth another attempt (`ECONNRESET`, `ECONNREFUSED`, …). */
export function isRetryableCode(code: unknown): boolean {
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

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

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as Error).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function phaseOf(code: string | undefined, fallback: HttpPhase): HttpPhase {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'connect';
  if (code?.startsWith('ERR_TLS') || code?.startsWith('CERT_') || code?.includes('SSL')) return 'tls';
  return fallback;
}

/**
 * Maps what an engine threw to an ExecutionError: ours pass through, network errors become
 * `transport_failed` with the OS/undici code and the phase, malformed HTTP `protocol_framing_failed`.
 *
 * @example
 * try { await fetch(url); } catch (error) {
 *   throw classifyTransportError(error, 'connect'); // details: { error_code: 'ECONNREFUSED', phase: 'connect' }
 * }
 */
export function classifyTransportError(error: unknown, phase: HttpPhase): ExecutionError {
  if (isExecutionError(error)) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = (error as Error | undefined)?.cause instanceof Error ? `: ${(error as Error).cause}` : '';
  if (code?.startsWith('HPE_') || code === 'UND_ERR_INFO') {
    return new ExecutionError('HTTP_PROTOCOL_ERROR', `malformed HTTP response: ${message}`, {
      failureClass: 'protocol_framing_failed',
      details: { error_code: code, phase },
      cause: error,
    });
  }
  const at = phaseOf(code, phase);
  return new ExecutionError('HTTP_TRANSPORT_FAILED', `HTTP ${at} failed: ${message}${detail}`, {
    failureClass: 'transport_failed',
    details: {
      error_code: code ?? null,
      phase: at,
      retryable: code !== undefined && RETRYABLE_CODES.has(code),
    },
    cause: error,
  });
}

/** More redirect hops than `redirect.max`. */
export function tooManyRedirects(max: number): ExecutionError {
  return new ExecutionError('LIMIT_EXCEEDED', `more than redirect.max (${max}) redirects`, {
    failureClass: 'protocol_framing_failed',
    details: { limit: 'redirect.max', limit_value: max },
  });
}
