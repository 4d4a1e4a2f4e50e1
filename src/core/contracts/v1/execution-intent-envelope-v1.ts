import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import {
  nonEmptyString,
  optionalList,
  optionalMap,
  optionalString,
  requiredStrings,
} from '../primitives/fields.js';
import { opaqueRef, optionalTimestamp } from '../primitives/ref-fields.js';

/**
 * `execution_intent_envelope.v1`, Spine → Execution Plane: the family-neutral carrier of lineage,
 * policy refs, credential handles, deadline and cancellation. Credential refs must be opaque
 * handle refs, so raw secrets are rejected. `deadline_at` is read as a string first (as the
 * reference does), then checked as ISO-8601 at its own position.
 */
export const ExecutionIntentEnvelopeV1Schema = z.lazy(() =>
  contractSchema(
    [z.looseObject({ deadline_at: optionalString('deadline_at') })],
    z.object({
      contract_version: contractVersionField('execution_intent_envelope.v1'),
      ...requiredStrings('intent_id', 'family', 'protocol'),
      trace_id: optionalString('trace_id'),
      ...requiredStrings('idempotency_key', 'boundary_session_id', 'decision_id'),
      lease_ref: optionalString('lease_ref'),
      route_template_ref: optionalString('route_template_ref'),
      credential_handle_refs: optionalList('credential_handle_refs', opaqueRef('credential_handle_ref')),
      attempt_ref: optionalString('attempt_ref'),
      deadline_at: optionalTimestamp('deadline_at'),
      cancellation_ref: optionalString('cancellation_ref'),
      requested_capabilities: optionalList('requested_capabilities', nonEmptyString('requested_capability')),
      extensions: optionalMap('extensions'),
    }),
  ),
);

/** A decoded `execution_intent_envelope.v1`. */
export type ExecutionIntentEnvelopeV1 = z.output<typeof ExecutionIntentEnvelopeV1Schema>;
