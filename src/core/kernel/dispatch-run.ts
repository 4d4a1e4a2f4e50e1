import type { JsonMap, JsonValue } from '../contracts/primitives/json-value.js';
import type { FailureV1 } from '../contracts/v1/failure-v1.js';

/**
 * What one dispatch produced, before it becomes an `execution_outcome.v1` (the reference's
 * protocol result map): whether it succeeded, the raw payload, metrics, failure and artifacts.
 */
export interface DispatchRun {
  readonly ok: boolean;
  readonly raw_payload: JsonMap;
  readonly metrics: JsonMap;
  readonly failure: FailureV1 | null;
  readonly artifacts: JsonValue[];
}
