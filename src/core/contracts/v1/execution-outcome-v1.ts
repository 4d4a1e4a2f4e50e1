import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import {
  jsonField,
  nonEmptyString,
  optionalMap,
  orElse,
  requiredStrings,
  said,
} from '../primitives/fields.js';
import type { JsonValue } from '../primitives/json-value.js';
import { lineageField, matchLineage, ROUTE_LINEAGE_KEYS } from '../primitives/lineage.js';
import { renderValue } from '../primitives/render-value.js';
import { FailureV1Schema } from './failure-v1.js';

/**
 * `execution_outcome.v1`: the terminal (or checkpoint) raw outcome. `status` is free-form (the
 * kernel writes `succeeded` or `failed`; `failed` without a failure is legal, e.g. a non-zero
 * exit). `raw_payload` is the lower family's raw payload and is never narrowed here.
 */
export const ExecutionOutcomeV1Schema = z.lazy(() =>
  contractSchema(
    [
      z
        .looseObject({ route_id: nonEmptyString('route_id'), lineage: lineageField(ROUTE_LINEAGE_KEYS) })
        .check(matchLineage('route_id', 'route_id')),
    ],
    z.object({
      contract_version: contractVersionField('execution_outcome.v1'),
      ...requiredStrings('route_id', 'status', 'family'),
      raw_payload: optionalMap('raw_payload'),
      artifacts: orElse(
        z.array(
          jsonField('artifacts'),
          said((v) => `artifacts must be a list, got: ${renderValue(v)}`),
        ),
        (): JsonValue[] => [],
      ),
      metrics: optionalMap('metrics'),
      failure: z._default(z.nullable(FailureV1Schema), null),
      lineage: lineageField(ROUTE_LINEAGE_KEYS),
    }),
  ),
);

/** A decoded `execution_outcome.v1`. */
export type ExecutionOutcomeV1 = z.output<typeof ExecutionOutcomeV1Schema>;
