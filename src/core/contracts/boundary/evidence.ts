import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, looseString, looseStrings, mintedId, versionAsGiven } from './boundary-fields.js';

/**
 * One evidence record a node emits to its sinks (`admission.accepted`, `execution.started` …)
 * with the decision context: request, lane, target, verifiers, attestation class and policy
 * bundle hash. `evidence_id` is minted (`ev-…`) when missing.
 */
export const EvidenceSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    evidence_id: mintedId('evidence_id', 'ev'),
    ...looseStrings(
      'evidence_type',
      'execution_ref',
      'request_id',
      'policy_bundle_hash',
      'target_id',
      'target_verifier_id',
      'attestation_class',
      'lane_id',
      'authority_verifier_id',
    ),
    payload: optionalMap('payload'),
    emitted_at: looseString('emitted_at'),
  }),
);

/** A decoded evidence record. */
export type Evidence = z.output<typeof EvidenceSchema>;
