import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonEmptyString, optionalMap, requiredStrings } from '../primitives/fields.js';
import { lineageField, matchLineage, ROUTE_LINEAGE_KEYS } from '../primitives/lineage.js';

/**
 * `execution_route.v1`, owned by the Spine: where and how an intent runs. `route_id` must equal
 * `lineage.route_id`; the lineage needs every canonical key but `event_id` (a missing `trace_id`
 * is back-filled from `request_id`). The kernel reads `resolved_target` (`url`, `method`,
 * `command`, `execution_surface`, `lower_simulation` …) and `resolved_budget.timeout_ms`.
 * Replaced, never edited.
 */
export const ExecutionRouteV1Schema = z.lazy(() =>
  contractSchema(
    [
      z
        .looseObject({ route_id: nonEmptyString('route_id'), lineage: lineageField(ROUTE_LINEAGE_KEYS) })
        .check(matchLineage('route_id', 'route_id')),
    ],
    z.object({
      contract_version: contractVersionField('execution_route.v1'),
      ...requiredStrings('route_id', 'family', 'protocol', 'transport_family', 'placement_family'),
      resolved_target: optionalMap('resolved_target'),
      resolved_budget: optionalMap('resolved_budget'),
      lineage: lineageField(ROUTE_LINEAGE_KEYS),
    }),
  ),
);

/** A decoded `execution_route.v1`. */
export type ExecutionRouteV1 = z.output<typeof ExecutionRouteV1Schema>;
