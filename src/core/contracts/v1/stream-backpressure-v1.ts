import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonEmptyString, oneOf } from '../primitives/fields.js';
import { timestamp } from '../primitives/ref-fields.js';
import { renderValue } from '../primitives/render-value.js';
import { actorRefsPrecheck, hazmatScopeShape } from './hazmat-scope.js';

/** The pressure classes of {@link StreamBackpressureV1Schema}. */
export const PRESSURE_CLASSES = ['soft_pressure', 'hard_pressure', 'budget_exhausted'] as const;

function pressureClass() {
  return oneOf(
    'pressure_class',
    PRESSURE_CLASSES,
    (v) => `pressure_class is not supported: ${renderValue(v)}`,
  );
}

/**
 * `ExecutionPlane.StreamBackpressure.v1`: deterministic termination evidence for a stream that
 * hit its budget. `pressure_class` is checked right after the actor refs.
 */
export const StreamBackpressureV1Schema = z.lazy(() =>
  contractSchema(
    [actorRefsPrecheck(), z.looseObject({ pressure_class: pressureClass() })],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.StreamBackpressure.v1'),
      ...hazmatScopeShape(),
      stream_ref: nonEmptyString('stream_ref'),
      budget_ref: nonEmptyString('budget_ref'),
      pressure_class: pressureClass(),
      termination_reason: nonEmptyString('termination_reason'),
      last_heartbeat_at: timestamp('last_heartbeat_at'),
      diagnostics_ref: nonEmptyString('diagnostics_ref'),
    }),
  ),
);

/** A decoded `ExecutionPlane.StreamBackpressure.v1`. */
export type StreamBackpressureV1 = z.output<typeof StreamBackpressureV1Schema>;
