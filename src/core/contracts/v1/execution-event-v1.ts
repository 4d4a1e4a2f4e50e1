import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonEmptyString, optionalMap, requiredStrings } from '../primitives/fields.js';
import { LINEAGE_KEYS, lineageField, matchLineage } from '../primitives/lineage.js';
import { timestamp } from '../primitives/ref-fields.js';

/**
 * `execution_event.v1`: an append-only raw fact (`dispatch.started`, `transport.connected` …).
 * `event_id` and `route_id` must equal their lineage keys; the lineage needs all nine keys.
 */
export const ExecutionEventV1Schema = z.lazy(() =>
  contractSchema(
    [
      z
        .looseObject({
          event_id: nonEmptyString('event_id'),
          route_id: nonEmptyString('route_id'),
          lineage: lineageField(LINEAGE_KEYS),
        })
        .check(matchLineage('event_id', 'event_id'), matchLineage('route_id', 'route_id')),
    ],
    z.object({
      contract_version: contractVersionField('execution_event.v1'),
      ...requiredStrings('event_id', 'route_id', 'event_type'),
      timestamp: timestamp('timestamp'),
      lineage: lineageField(LINEAGE_KEYS),
      payload: optionalMap('payload'),
    }),
  ),
);

/** A decoded `execution_event.v1`. */
export type ExecutionEventV1 = z.output<typeof ExecutionEventV1Schema>;
