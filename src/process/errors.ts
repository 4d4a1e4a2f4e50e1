import type { ProcessErrorCode } from '../core/error-codes.js';
import { ExecutionError } from '../core/errors.js';
import type { FailureClass } from '../core/failure-class.js';

/** A process lane error: its code travels into the outcome's `failure.code`. */
export function processError(
  code: ProcessErrorCode,
  message: string,
  failureClass: FailureClass,
  details: Record<string, unknown> = {},
  cause?: unknown,
): ExecutionError {
  return new ExecutionError(code, message, { failureClass, details, cause });
}

/** The surface cannot do what the request needs; raised before anything is spawned. */
export function unsupportedCapability(capability: string, surface: string): ExecutionError {
  return processError(
    'UNSUPPORTED_CAPABILITY',
    `The ${surface} surface does not support ${capability}`,
    'placement_unavailable',
    { capability, surface },
  );
}

/**
 * A child was asked to do something after it ended. The session replaces it with its own
 * `SESSION_ENDED` error, whose `cause` is the outcome's.
 */
export function sessionClosed(operation: string): ExecutionError {
  return new ExecutionError('SESSION_ENDED', `Cannot ${operation}: the process has ended`, {
    details: { operation },
  });
}
