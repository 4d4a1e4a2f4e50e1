// The refs every activity record starts with.
const ACTIVITY_REFS = [
  'tenant_ref',
  'actor_ref',
  'resource_ref',
  'workflow_ref',
  'activity_call_ref',
  'lower_run_ref',
] as const;

/**
 * The enterprise "precut" metadata: seven lightweight records named by `contract_name` rather
 * than a V1 tag. Building one only checks that required fields are present (a string must be
 * non-blank); it reports what is missing instead of throwing.
 */
// Built in a pure call: the spreads would otherwise keep the table in bundles that never use it.
export const PRECUT_CONTRACTS = /* @__PURE__ */ (() =>
  ({
    ExecutionActivityMetadata: {
      contract_name: 'ExecutionPlane.ExecutionActivityMetadata.v1',
      required: [
        ...ACTIVITY_REFS,
        'target_ref',
        'authority_packet_ref',
        'permission_decision_ref',
        'trace_id',
        'idempotency_key',
        'runtime_family',
        'timeout_policy',
        'heartbeat_policy',
      ],
      optional: [],
    },
    CancellationMetadata: {
      contract_name: 'ExecutionPlane.CancellationMetadata.v1',
      required: [
        'cancellation_id',
        'tenant_ref',
        'actor_ref',
        'resource_ref',
        'workflow_ref',
        'lower_run_ref',
        'authority_packet_ref',
        'permission_decision_ref',
        'trace_id',
        'idempotency_key',
      ],
      optional: ['activity_call_ref'],
    },
    HeartbeatMetadata: {
      contract_name: 'ExecutionPlane.HeartbeatMetadata.v1',
      required: [
        'heartbeat_id',
        'tenant_ref',
        'resource_ref',
        'workflow_ref',
        'activity_call_ref',
        'lower_run_ref',
        'trace_id',
        'lease_ref',
      ],
      optional: [],
    },
    AttachGrantContract: {
      contract_name: 'ExecutionPlane.AttachGrantLeaseBoundTraceable.v1',
      required: [
        'attach_grant_id',
        'tenant_ref',
        'principal_ref',
        'resource_ref',
        'stream_ref',
        'lease_ref',
        'expires_at',
        'revocation_state',
        'authority_packet_ref',
        'permission_decision_ref',
        'trace_id',
      ],
      optional: [],
    },
    StreamLeaseContract: {
      contract_name: 'ExecutionPlane.StreamLeaseContract.v1',
      required: ['stream_ref', 'tenant_ref', 'resource_ref', 'lease_ref', 'epoch_ref', 'trace_id'],
      optional: ['revocation_state'],
    },
    RuntimeEvidenceRef: {
      contract_name: 'ExecutionPlane.RuntimeEvidenceRef.v1',
      required: [
        'runtime_evidence_ref',
        'tenant_ref',
        'resource_ref',
        'lower_run_ref',
        'trace_id',
        'payload_hash',
        'redaction_posture',
      ],
      optional: [],
    },
    ActivitySideEffectIdempotency: {
      contract_name: 'ExecutionPlane.ActivitySideEffectIdempotency.v1',
      required: [
        ...ACTIVITY_REFS,
        'intent_id',
        'idempotency_key',
        'authority_packet_ref',
        'permission_decision_ref',
        'trace_id',
        'lease_ref',
        'lease_evidence_ref',
        'heartbeat_policy',
        'timeout_policy',
        'retry_policy',
        'runtime_family',
        'side_effect_ref',
        'release_manifest_ref',
      ],
      optional: [],
    },
  }) as const)();

/** The name of one precut record. */
export type PrecutName = keyof typeof PRECUT_CONTRACTS;

type Fields<N extends PrecutName> =
  | (typeof PRECUT_CONTRACTS)[N]['required'][number]
  | (typeof PRECUT_CONTRACTS)[N]['optional'][number];

/** A built precut record: its `contract_name` and its fields (an absent optional field is `null`). */
export type PrecutMetadata<N extends PrecutName> = {
  readonly contract_name: (typeof PRECUT_CONTRACTS)[N]['contract_name'];
} & { readonly [F in Fields<N>]: unknown };

/** The result of {@link createPrecutMetadata}. */
export type PrecutResult<N extends PrecutName> =
  | { readonly ok: true; readonly value: PrecutMetadata<N> }
  | { readonly ok: false; readonly error: 'missing_required_fields'; readonly missing: readonly string[] }
  | { readonly ok: false; readonly error: 'invalid_attrs' };

/**
 * Builds a precut record: keeps the declared fields (unknown keys dropped, `contract_name`
 * always set), and lists the required fields that are missing, in declaration order.
 *
 * @example
 * const result = createPrecutMetadata('HeartbeatMetadata', attrs);
 * if (!result.ok && result.error === 'missing_required_fields') console.log(result.missing);
 */
export function createPrecutMetadata<N extends PrecutName>(name: N, attrs: unknown): PrecutResult<N> {
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))
    return { ok: false, error: 'invalid_attrs' };
  const spec = PRECUT_CONTRACTS[name];
  const input = attrs as Record<string, unknown>;
  const missing = spec.required.filter((field) => !isPresent(input[field]));
  if (missing.length > 0) return { ok: false, error: 'missing_required_fields', missing };
  const value: Record<string, unknown> = { contract_name: spec.contract_name };
  for (const field of [...spec.required, ...spec.optional]) value[field] = input[field] ?? null;
  return { ok: true, value: value as PrecutMetadata<N> };
}

// Blank strings count as missing: a whitespace ref identifies nothing.
function isPresent(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined;
}

/** What makes two side-effect activities the same effect. */
export const SIDE_EFFECT_IDEMPOTENCY_SCOPE = 'intent_id + idempotency_key';

type SideEffect = { readonly intent_id: unknown; readonly idempotency_key: unknown };

/** The dedupe key of a side-effect activity: `[intent_id, idempotency_key]`. */
export function sideEffectKey(activity: SideEffect): readonly [unknown, unknown] {
  return [activity.intent_id, activity.idempotency_key];
}

/** True when two activities are retries of the same side effect (the activity call may differ). */
export function sameRetryScope(a: SideEffect, b: SideEffect): boolean {
  return a.intent_id === b.intent_id && a.idempotency_key === b.idempotency_key;
}
