import { type AdmissionRejection, createRejection } from '../core/contracts/boundary/admission-rejection.js';

/**
 * Every reason a node refuses something, with its message. The reference's reasons and messages
 * are kept word for word; the ones marked "added" are this package's.
 */
export const REJECTION_MESSAGES = {
  /** Added: the input is not an admission request (wrong type, missing `lane_id` …). */
  invalid_request: 'request is not a valid admission request',
  /** Added: the node is closed. */
  node_closed: 'node is closed',
  /** Added: `maxInFlight` executions are running. */
  capacity_exceeded: 'node is running its maximum number of executions',
  contract_version_mismatch: 'request contract version is not supported',
  /** Added: direct provenance on a node created with `allowDirect: false`. */
  direct_provenance_refused: 'direct lower-lane-owner provenance is not accepted by this node',
  registration_incomplete: 'node registration is not complete',
  authority_verifier_missing: 'governed admission requires an authority verifier',
  lane_not_registered: 'requested lane is not registered',
  authority_ref_missing: 'governed admission requires authority_ref',
  /** Added: the authority ref's `expires_at` has passed (or cannot be read). */
  authority_ref_expired: 'authority_ref has expired',
  authority_rejected: 'authority rejected',
  no_satisfying_attested_target: 'no verified target satisfies acceptable attestation for requested lane',
  target_attestation_unverifiable: 'target attestation could not be verified',
  invalid_lane_request: 'payload is not valid for the lane',
  stream_not_supported: 'lane does not support streaming',
  unknown_execution_ref: 'execution ref is not known to this node',
} as const;

/** A rejection reason of the node. */
export type RejectionReason = keyof typeof REJECTION_MESSAGES;

/** The reference's message for a direct request whose lane is missing. */
export const DIRECT_LANE_NOT_REGISTERED = 'requested direct lane is not registered';

/**
 * A rejection with the catalogue message (or `message`), always naming the request it answers
 * when there is one.
 */
export function rejection(
  reason: RejectionReason,
  requestId: string | null,
  details: Record<string, unknown> = {},
  message: string = REJECTION_MESSAGES[reason],
): AdmissionRejection {
  return createRejection(reason, message, details, requestId);
}

/** `rejection` with the request id filled in when its producer (a verifier) left it out. */
export function withRequestId(value: AdmissionRejection, requestId: string | null): AdmissionRejection {
  return value.request_id === null && requestId !== null ? { ...value, request_id: requestId } : value;
}
