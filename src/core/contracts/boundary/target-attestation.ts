import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, looseString, stringList, versionAsGiven } from './boundary-fields.js';

/** The raw claim a target presents before routing; a target verifier decides whether it holds. */
export const TargetAttestationSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    attestation_id: looseString('attestation_id'),
    attestation_type: looseString('attestation_type'),
    evidence: optionalMap('evidence'),
    presented_at: looseString('presented_at'),
    claimed_capability_classes: stringList('claimed_capability_classes'),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded target attestation. */
export type TargetAttestation = z.output<typeof TargetAttestationSchema>;
