import * as z from 'zod/mini';
import { nonEmptyString, optionalMap } from '../primitives/fields.js';
import { boundaryObject, looseString, looseStrings, stringList, versionForced } from './boundary-fields.js';

/**
 * A verified target in the routing table. `target_id`, `lane_id` and `verifier_id` are required
 * non-empty strings (the reference turned a missing id into the string `"nil"`).
 */
export const TargetDescriptorSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionForced(),
    target_id: nonEmptyString('target_id'),
    lane_id: nonEmptyString('lane_id'),
    attested_capability_classes: stringList('attested_capability_classes'),
    verifier_id: nonEmptyString('verifier_id'),
    ...looseStrings('attestation_id', 'attested_at', 'expires_at'),
    metadata: optionalMap('metadata'),
    signature: looseString('signature'),
  }),
);

/** A decoded target descriptor. */
export type TargetDescriptor = z.output<typeof TargetDescriptorSchema>;
