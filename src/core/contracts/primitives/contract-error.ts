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
  // A nested field is located explicitly; a top-level one is already named by the reason.
  const at = path.length > 1 ? ` (at ${where})` : '';
  return new ExecutionError('INVALID_CONTRACT', `Invalid ${contract}: ${reason}${at}`, {
    details: { contract, reason, path: where },
    cause,
  });
}
