import * as z from 'zod/mini';
import { contractSchema, contractVersionField, forbidKeys } from '../primitives/contract-schema.js';
import { fail, mapField, nonEmptyString } from '../primitives/fields.js';
import type { JsonMap } from '../primitives/json-value.js';
import { opaqueRef, optionalOpaqueRef } from '../primitives/ref-fields.js';
import { ownerRepo } from './owner-repo.js';
import { findRawDurableEvidence } from './raw-evidence-scan.js';
import { SEMANTIC_POLICY_KEYS } from './semantic-keys.js';

// A map that must hold no raw durable content (`raw durable evidence is forbidden at <path>`).
function scannedMap(field: string, check?: (map: JsonMap) => string | undefined) {
  return z.pipe(
    mapField(field),
    z.transform((map: JsonMap, ctx): JsonMap => {
      const problem = check?.(map);
      if (problem !== undefined) return fail(ctx, problem);
      const found = findRawDurableEvidence(map);
      return found === undefined ? map : fail(ctx, `raw durable evidence is forbidden at ${found}`);
    }),
  );
}

function scanResultCheck(map: JsonMap): string | undefined {
  if (map.status !== 'passed') return 'scan_result.status must be passed';
  if (map.raw_payload_included !== false) return 'scan_result.raw_payload_included must be false';
  return undefined;
}

/**
 * `ExecutionPlane.ExecutionEvidenceBoundary.v1`: a bounded, persistable report about an outcome
 * (status, response or exit shape, fingerprint refs, scan result). The raw payload stays in
 * `execution_outcome.v1`; this contract rejects raw prompts, provider bodies, secrets and
 * semantic bodies anywhere in its maps, and provider/model/budget keys at its top level.
 */
export const ExecutionEvidenceBoundaryV1Schema = z.lazy(() =>
  contractSchema(
    [
      forbidKeys(
        SEMANTIC_POLICY_KEYS,
        'ExecutionEvidenceBoundary must not carry provider or model or budget semantics',
      ),
      z.looseObject({
        bounded_exit_code_or_response_shape: scannedMap('bounded_exit_code_or_response_shape'),
      }),
    ],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.ExecutionEvidenceBoundary.v1'),
      owner_repo: ownerRepo(),
      outcome_ref: opaqueRef('outcome_ref'),
      bounded_status: nonEmptyString('bounded_status'),
      bounded_exit_code_or_response_shape: scannedMap('bounded_exit_code_or_response_shape'),
      input_fingerprint_ref: opaqueRef('input_fingerprint_ref'),
      claim_check_ref_or_null: optionalOpaqueRef('claim_check_ref_or_null'),
      redacted_preview_ref_or_null: optionalOpaqueRef('redacted_preview_ref_or_null'),
      schema_ref: opaqueRef('schema_ref'),
      scan_result: scannedMap('scan_result', scanResultCheck),
    }),
  ),
);

/** A decoded `ExecutionPlane.ExecutionEvidenceBoundary.v1`. */
export type ExecutionEvidenceBoundaryV1 = z.output<typeof ExecutionEvidenceBoundaryV1Schema>;
