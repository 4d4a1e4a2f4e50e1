import { ExecutionError } from '../../errors.js';

/**
 * The `INVALID_CONTRACT` error every codec and constructor throws for bad contract input. The
 * message names the first failing field, in the reference's words; `details.path` locates it.
 *
 * @example
 * invalidContract('execution_route.v1', 'route_id must be a non-empty string, got: null', ['route_id']);
 */
export function invalidContract(
  contract: string,
  reason: string,
  path: ReadonlyArray<PropertyKey> = [],
  cause?: unknown,
): ExecutionError {
  const where = path.map(String).join('.');
  // The reference's texts name the field itself; when they do not (nested values, "expected a
  // map"), the path is appended so the message always says where.
  const at = where !== '' && !reason.includes(where) ? ` (at ${where})` : '';
  return new ExecutionError('INVALID_CONTRACT', `Invalid ${contract}: ${reason}${at}`, {
    details: { contract, reason, path: where },
    cause,
  });
}
