import { ExecutionError, isExecutionError } from '../../core/errors.js';

/** Which part of an exchange a timeout or transport error hit. */
export type HttpPhase = 'dns' | 'connect' | 'tls' | 'headers' | 'body' | 'idle' | 'total';

// Network error codes worth another attempt (undici's RetryHandler list plus DNS flaps).
const RETRYABLE_ERRNOS: ReadonlySet<string> = new Set([
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

/** True for a low-level network error code worth another attempt (`ECONNRESET`, `ECONNREFUSED`, …). */
export function isRetryableErrno(errno: unknown): boolean {
  return typeof errno === 'string' && RETRYABLE_ERRNOS.has(errno);
}

// The OS or undici code of an error or of one of its causes.
function errnoOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as Error).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

// Malformed HTTP as each engine reports it: llhttp's `HPE_*` codes (node:http), undici's
// HTTPParserError (which often carries no code) and its framing errors (fetch).
const PROTOCOL_ERRNOS: ReadonlySet<string> = new Set([
  'UND_ERR_INFO',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_HEADERS_OVERFLOW',
]);

function isProtocolError(error: unknown, errno: string | undefined): boolean {
  if (errno?.startsWith('HPE_') || (errno !== undefined && PROTOCOL_ERRNOS.has(errno))) return true;
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as Error).cause, depth++) {
    if ((e as Error).name === 'HTTPParserError') return true;
  }
  return false;
}

function phaseOf(errno: string | undefined, fallback: HttpPhase): HttpPhase {
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN') return 'dns';
  if (errno === 'ECONNREFUSED' || errno === 'EHOSTUNREACH' || errno === 'ENETUNREACH') return 'connect';
  if (errno?.startsWith('ERR_TLS') || errno?.startsWith('CERT_') || errno?.includes('SSL')) return 'tls';
  return fallback;
}

/**
 * Maps what an engine or fetch threw to an ExecutionError: ours pass through; network errors
 * become `HTTP_TRANSPORT_FAILED` (`transport_failed`), malformed HTTP `HTTP_PROTOCOL_ERROR`
 * (`protocol_framing_failed`). The OS/undici code stays a detail (`details.errno`), beside the
 * phase it hit.
 *
 * @example
 * classifyTransportError(refused, 'connect').details; // { errno: 'ECONNREFUSED', phase: 'connect', retryable: true }
 */
export function classifyTransportError(error: unknown, phase: HttpPhase): ExecutionError {
  if (isExecutionError(error)) return error;
  const errno = errnoOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = (error as Error | undefined)?.cause instanceof Error ? `: ${(error as Error).cause}` : '';
  if (isProtocolError(error, errno)) {
    return new ExecutionError('HTTP_PROTOCOL_ERROR', `malformed HTTP response: ${message}${detail}`, {
      failureClass: 'protocol_framing_failed',
      details: { errno: errno ?? null, phase, retryable: false },
      cause: error,
    });
  }
  const at = phaseOf(errno, phase);
  return new ExecutionError('HTTP_TRANSPORT_FAILED', `HTTP ${at} failed: ${message}${detail}`, {
    failureClass: 'transport_failed',
    details: { errno: errno ?? null, phase: at, retryable: isRetryableErrno(errno) },
    cause: error,
  });
}
