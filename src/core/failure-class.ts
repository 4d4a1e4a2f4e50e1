/**
 * The 13 failure classes, in the reference system's frozen order.
 *
 * Order is part of the contract: orchestrators written for the reference index into this list.
 */
export const FAILURE_CLASSES = [
  'policy_denied',
  'route_unresolved',
  'placement_unavailable',
  'launch_failed',
  'transport_failed',
  'protocol_framing_failed',
  'semantic_runtime_failed',
  'approval_expired',
  'lease_expired',
  'attach_mismatch',
  'remote_disconnect',
  'cancellation',
  'timeout',
] as const;

/** One of {@link FAILURE_CLASSES}. */
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** Which layer owns a failure and must act on it. */
export type FailureOwner = 'spine' | 'execution_plane' | 'family_kit';

/** Whether a failure belongs in durable truth or stays a raw fact. */
export type DurableTruthRelevance = 'durable_truth' | 'raw_fact_only';

/** Derived facts about a failure class. */
export interface FailureClassMetadata {
  /** The layer that owns the failure. */
  readonly primary_owner: FailureOwner;
  /** Whether retrying the same request may succeed. */
  readonly retryable: boolean;
  /** Whether the failure is durable truth or a raw fact only. */
  readonly durable_truth_relevance: DurableTruthRelevance;
}

const OWNERS: readonly FailureOwner[] = ['spine', 'execution_plane', 'family_kit'];
// One digit per class, in FAILURE_CLASSES order: the owner's index in OWNERS, plus 3 when
// retrying may succeed, plus 3 more for the two raw-fact-only classes (both retryable). Digits,
// not a table keyed by name: the names are spelled once, above.
const TRAITS = '0344412030707';

/** True when `value` is one of the 13 failure class names. */
export function isFailureClass(value: unknown): value is FailureClass {
  return FAILURE_CLASSES.includes(value as FailureClass);
}

/**
 * Owner, retryable flag and durable-truth relevance of a failure class.
 *
 * @example
 * failureClassMetadata('timeout'); // { primary_owner: 'execution_plane', retryable: true, ... }
 */
export function failureClassMetadata(failureClass: FailureClass): FailureClassMetadata {
  const traits = Number(TRAITS[FAILURE_CLASSES.indexOf(failureClass)]);
  return {
    primary_owner: OWNERS[traits % 3] as FailureOwner,
    retryable: traits > 2,
    durable_truth_relevance: traits > 5 ? 'raw_fact_only' : 'durable_truth',
  };
}
