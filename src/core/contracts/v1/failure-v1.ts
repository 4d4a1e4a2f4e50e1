import * as z from 'zod/mini';
import type { Failure } from '../../failure.js';
import {
  type DurableTruthRelevance,
  type FailureClass,
  type FailureOwner,
  failureClassMetadata,
  isFailureClass,
} from '../../failure-class.js';
import { attrsMap } from '../primitives/contract-schema.js';
import { optionalMap, optionalString, said } from '../primitives/fields.js';
import type { JsonMap } from '../primitives/json-value.js';
import { parseContract } from '../primitives/parse-contract.js';
import { renderValue } from '../primitives/render-value.js';

/**
 * The failure inside an `execution_outcome.v1`, in the reference's wire shape: the key is
 * literally `retryable?`. Owner, retryable flag and relevance are derived from the class; input
 * values for them are ignored.
 */
export interface FailureV1 {
  readonly failure_class: FailureClass;
  readonly primary_owner: FailureOwner;
  readonly 'retryable?': boolean;
  readonly durable_truth_relevance: DurableTruthRelevance;
  readonly reason: string | null;
  readonly details: JsonMap;
}

/**
 * Schema of {@link FailureV1}: `failure_class` (one of the 13), optional `reason`, optional
 * `details` map; the derived fields are recomputed.
 */
export const FailureV1Schema: z.ZodMiniType<FailureV1, unknown> = z.lazy(() =>
  z.pipe(
    attrsMap(),
    z.pipe(
      z.object({
        failure_class: z.custom<FailureClass>(
          isFailureClass,
          said((v) => `unknown failure_class: ${renderValue(v)}`),
        ),
        reason: optionalString('reason'),
        details: optionalMap('details'),
      }),
      z.transform((input): FailureV1 => derive(input.failure_class, input.reason, input.details)),
    ),
  ),
);

/**
 * Builds a {@link FailureV1} from attrs (`failure_class`, optional `reason` and `details`),
 * throwing `INVALID_CONTRACT` for an unknown class.
 *
 * @example
 * createFailureV1({ failure_class: 'route_unresolved', reason: 'no target' }).primary_owner; // 'spine'
 */
export function createFailureV1(attrs: unknown): FailureV1 {
  return parseContract(FailureV1Schema, attrs, 'failure');
}

/**
 * The wire failure of an execution-model {@link Failure}.
 *
 * @example
 * toFailureV1(createFailure({ failure_class: 'timeout' }))['retryable?']; // true
 */
export function toFailureV1(failure: Failure): FailureV1 {
  return derive(failure.failure_class, failure.reason, failure.details as JsonMap);
}

function derive(failureClass: FailureClass, reason: string | null, details: JsonMap): FailureV1 {
  const meta = failureClassMetadata(failureClass);
  return {
    failure_class: failureClass,
    primary_owner: meta.primary_owner,
    'retryable?': meta.retryable,
    durable_truth_relevance: meta.durable_truth_relevance,
    reason,
    details,
  };
}
