import { ExecutionError, type FailureClass } from '../core/index.js';

/**
 * Lane error with its code repeated in `details.code`, so the code survives into the outcome's
 * failure details (core keeps `details`, and the code only when there is no failure class).
 */
export function processError(
  code: string,
  message: string,
  failureClass: FailureClass,
  details: Record<string, unknown> = {},
  cause?: unknown,
): ExecutionError {
  return new ExecutionError(code, message, { failureClass, details: { code, ...details }, cause });
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

/** A session method was called after the process ended. */
export function sessionClosed(operation: string): ExecutionError {
  return new ExecutionError('CLOSED', `Cannot ${operation}: the process has ended`, {
    details: { operation },
  });
}
