import { decodeContract } from '../codec.js';
import type { JsonMap } from '../primitives/json-value.js';
import type { RouteLineage } from '../primitives/lineage.js';
import type { ExecutionIntentEnvelopeV1 } from '../v1/execution-intent-envelope-v1.js';
import { uniqueToken } from './build-lineage.js';

/** Optional envelope fields of {@link buildEnvelope} (wire names). */
export interface EnvelopeAttrs {
  /** @defaultValue `'<family>-intent-<n>'` */
  readonly intent_id?: string | undefined;
  /** @defaultValue the lineage's `trace_id` */
  readonly trace_id?: string | undefined;
  readonly lease_ref?: string | null | undefined;
  readonly route_template_ref?: string | null | undefined;
  /** Opaque credential handle refs. @defaultValue `[]` */
  readonly credential_handle_refs?: readonly string[] | undefined;
  /** ISO-8601 deadline. @defaultValue none */
  readonly deadline_at?: string | null | undefined;
  readonly cancellation_ref?: string | null | undefined;
  /** Capabilities asked for; `capability` is always appended (once). @defaultValue `[capability]` */
  readonly requested_capabilities?: readonly string[] | undefined;
  /** @defaultValue `{}` */
  readonly extensions?: JsonMap | undefined;
}

/**
 * The reference's `LaneSupport.build_envelope/5`: an `execution_intent_envelope.v1` for `family`
 * over `protocol`, carrying the lineage's idempotency key, boundary session, decision and
 * attempt, and `capability` among the requested capabilities. Throws `INVALID_CONTRACT` for a
 * bad attribute.
 *
 * @example
 * const envelope = contracts.buildEnvelope('process', 'process', 'process.run', lineage);
 */
export function buildEnvelope(
  family: string,
  protocol: string,
  capability: string,
  lineage: RouteLineage,
  attrs: EnvelopeAttrs = {},
): ExecutionIntentEnvelopeV1 {
  const requested = [...(attrs.requested_capabilities ?? [capability]), capability];
  return decodeContract(
    {
      intent_id: attrs.intent_id ?? `${family}-intent-${uniqueToken()}`,
      family,
      protocol,
      trace_id: attrs.trace_id ?? lineage.trace_id,
      idempotency_key: lineage.idempotency_key,
      boundary_session_id: lineage.boundary_session_id,
      decision_id: lineage.decision_id,
      lease_ref: attrs.lease_ref ?? null,
      route_template_ref: attrs.route_template_ref ?? null,
      credential_handle_refs: attrs.credential_handle_refs ?? [],
      attempt_ref: lineage.attempt_ref,
      deadline_at: attrs.deadline_at ?? null,
      cancellation_ref: attrs.cancellation_ref ?? null,
      requested_capabilities: [...new Set(requested)],
      extensions: attrs.extensions ?? {},
    },
    'execution_intent_envelope.v1',
  );
}
