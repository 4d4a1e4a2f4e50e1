import type { ErrorCode } from './error-codes.js';
import {
  type DurableTruthRelevance,
  type FailureClass,
  type FailureOwner,
  failureClassMetadata,
} from './failure-class.js';

/** What a lane (or core) says about a failure; the derived fields are filled in by {@link createFailure}. */
export interface FailureInput {
  /** The failure class. */
  readonly failure_class: FailureClass;
  /**
   * The stable error code (`HTTP_STATUS`, `SPAWN_FAILED` …).
   * @defaultValue `TIMEOUT` for the timeout class, `CANCELLED` for cancellation, else `EXECUTION_FAILED`
   */
  readonly code?: ErrorCode | undefined;
  /** One sentence saying what went wrong, free of secret values. */
  readonly reason?: string | null;
  /** Structured, JSON-safe facts about the failure (limits, status codes, stderr tail …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * A failure as carried by an outcome: the class plus the owner, retryable flag and durable-truth
 * relevance derived from it (never taken from input).
 */
export interface Failure {
  readonly failure_class: FailureClass;
  /** The stable error code, the same one `execution.output()` rejects with. */
  readonly code: ErrorCode;
  readonly primary_owner: FailureOwner;
  readonly retryable: boolean;
  readonly durable_truth_relevance: DurableTruthRelevance;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * Builds a {@link Failure}, deriving owner, retryable and relevance from the class.
 *
 * @example
 * createFailure({ failure_class: 'timeout', reason: 'timed out after 50 ms' }).retryable; // true
 */
export function createFailure(input: FailureInput): Failure {
  return {
    failure_class: input.failure_class,
    code: input.code ?? defaultCode(input.failure_class),
    ...failureClassMetadata(input.failure_class),
    reason: input.reason ?? null,
    details: input.details ?? {},
  };
}

function defaultCode(failureClass: FailureClass): ErrorCode {
  if (failureClass === 'timeout') return 'TIMEOUT';
  if (failureClass === 'cancellation') return 'CANCELLED';
  return 'EXECUTION_FAILED';
}
