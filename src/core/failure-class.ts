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

// [owner, retryable, relevance] per class, in FAILURE_CLASSES order.
const TABLE: Record<FailureClass, readonly [FailureOwner, boolean, DurableTruthRelevance]> = {
  policy_denied: ['spine', false, 'durable_truth'],
  route_unresolved: ['spine', true, 'durable_truth'],
  placement_unavailable: ['execution_plane', true, 'durable_truth'],
  launch_failed: ['execution_plane', true, 'durable_truth'],
  transport_failed: ['execution_plane', true, 'durable_truth'],
  protocol_framing_failed: ['execution_plane', false, 'durable_truth'],
  semantic_runtime_failed: ['family_kit', false, 'durable_truth'],
  approval_expired: ['spine', false, 'durable_truth'],
  lease_expired: ['spine', true, 'durable_truth'],
  attach_mismatch: ['spine', false, 'durable_truth'],
  remote_disconnect: ['execution_plane', true, 'raw_fact_only'],
  cancellation: ['spine', false, 'durable_truth'],
  timeout: ['execution_plane', true, 'raw_fact_only'],
};

/** True when `value` is one of the 13 failure class names. */
export function isFailureClass(value: unknown): value is FailureClass {
  return typeof value === 'string' && Object.hasOwn(TABLE, value);
}

/**
 * Owner, retryable flag and durable-truth relevance of a failure class.
 *
 * @example
 * failureClassMetadata('timeout'); // { primary_owner: 'execution_plane', retryable: true, ... }
 */
export function failureClassMetadata(failureClass: FailureClass): FailureClassMetadata {
  const row = TABLE[failureClass];
  return { primary_owner: row[0], retryable: row[1], durable_truth_relevance: row[2] };
}
