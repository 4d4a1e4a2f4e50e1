import type { ErrorCode } from './error-codes.js';
import { ExecutionError } from './errors.js';
import type { Failure } from './failure.js';
import type { ExecutionOutcome, OutcomeStatus } from './outcome.js';

const CODES: Record<OutcomeStatus, ErrorCode> = {
  succeeded: 'EXECUTION_FAILED',
  failed: 'EXECUTION_FAILED',
  timed_out: 'TIMEOUT',
  cancelled: 'CANCELLED',
  rejected: 'REJECTED',
};

/** Status implied by a failure: the timeout class ends `timed_out`, cancellation `cancelled`. */
export function statusOfFailure(failure: Failure): OutcomeStatus {
  if (failure.failure_class === 'timeout') return 'timed_out';
  if (failure.failure_class === 'cancellation') return 'cancelled';
  return 'failed';
}

/**
 * The ExecutionError that `execution.output()` rejects with for a non-successful outcome. It
 * carries the failure's code and the outcome in `details.outcome`, so the error holds the same
 * facts as the result.
 */
export function outcomeError(outcome: ExecutionOutcome): ExecutionError {
  const reason = outcome.failure?.reason ?? outcome.status;
  return new ExecutionError(
    outcome.failure?.code ?? CODES[outcome.status],
    `${outcome.lane_id} execution ${outcome.execution_ref} ${outcome.status}: ${reason}`,
    { failureClass: outcome.failure?.failure_class, details: { outcome } },
  );
}
