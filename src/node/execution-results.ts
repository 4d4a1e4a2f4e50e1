import type { AdmissionRejection } from '../core/contracts/boundary/admission-rejection.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { Provenance } from '../core/contracts/boundary/provenance.js';
import type { ExecutionEvent } from '../core/event.js';
import { createFailure, type FailureInput } from '../core/failure.js';
import type { ExecutionOutcome } from '../core/outcome.js';

/**
 * The boundary result of a finished execution: its status, the lane's raw output, the events
 * (always ending with `execution.completed`, whose payload is the outcome with its metrics) and
 * the failure as `error` (`null` on success).
 */
export function resultOfOutcome(
  outcome: ExecutionOutcome,
  events: readonly ExecutionEvent[],
  provenance: Provenance,
): ExecutionResult {
  return {
    contract_version: 1,
    execution_ref: outcome.execution_ref,
    status: outcome.status,
    output: (outcome.output ?? null) as ExecutionResult['output'],
    events: events as unknown as ExecutionResult['events'],
    evidence: [],
    error: outcome.failure as unknown as ExecutionResult['error'],
    provenance,
  };
}

/** The result of a refused request: status `rejected`, the rejection as `error`. */
export function rejectedResult(
  executionRef: string,
  refusal: AdmissionRejection,
  provenance: Provenance,
): ExecutionResult {
  return {
    contract_version: 1,
    execution_ref: executionRef,
    status: 'rejected',
    output: null,
    events: [],
    evidence: [],
    error: refusal as unknown as ExecutionResult['error'],
    provenance,
  };
}

/**
 * The result of an execution whose end the node could not observe (the target client threw, or
 * the connection to a remote target dropped): status `failed` with the given failure.
 */
export function failedResult(
  executionRef: string,
  failure: FailureInput,
  provenance: Provenance,
): ExecutionResult {
  return {
    contract_version: 1,
    execution_ref: executionRef,
    status: 'failed',
    output: null,
    events: [],
    evidence: [],
    error: createFailure(failure) as unknown as ExecutionResult['error'],
    provenance,
  };
}

/** The `execution.completed` event of an outcome, as core emits it. */
export function completedEvent(outcome: ExecutionOutcome): ExecutionEvent {
  const seq = outcome.metrics.events_emitted - 1;
  return {
    contract_version: 1,
    event_id: `${outcome.execution_ref}:${seq}`,
    execution_ref: outcome.execution_ref,
    seq,
    event_type: 'execution.completed',
    payload: { outcome },
    emitted_at: outcome.metrics.finished_at,
  };
}
