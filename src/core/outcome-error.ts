import { ExecutionError } from './errors.js';
import type { Failure } from './failure.js';
import type { ExecutionOutcome, OutcomeStatus } from './outcome.js';

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
  const { failure, status } = outcome;
  // Only a plain `failed` lacks a failure (timed_out, cancelled and rejected always carry one);
  // the fallbacks cover a failure decoded from a peer without its code.
  return new ExecutionError(
    failure?.code ?? (status === 'rejected' ? 'REJECTED' : 'EXECUTION_FAILED'),
    `${outcome.lane_id} execution ${outcome.execution_ref} ${status}: ${failure?.reason ?? status}`,
    { failureClass: failure?.failure_class, details: { outcome } },
  );
}

/** The output of a succeeded outcome; any other outcome is thrown as its {@link outcomeError}. */
export function outputOf<O>(outcome: ExecutionOutcome<O>): O {
  if (outcome.status === 'succeeded') return outcome.output as O;
  throw outcomeError(outcome);
}
