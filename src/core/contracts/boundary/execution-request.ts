import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { AdmissionRequestSchema } from './admission-request.js';
import { boundaryObject, looseString, nestedOrNull, versionAsGiven } from './boundary-fields.js';
import { provenanceField } from './provenance.js';
import { TargetDescriptorSchema } from './target-descriptor.js';

/**
 * What a node hands a target after admission: the execution ref, the admitted request, the
 * selected target (none for direct provenance), the lane, operation, payload and provenance.
 * Nested values are decoded through their own schemas.
 */
export const ExecutionRequestSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    execution_ref: looseString('execution_ref'),
    admission_request: nestedOrNull(AdmissionRequestSchema),
    target_descriptor: nestedOrNull(TargetDescriptorSchema),
    lane_id: looseString('lane_id'),
    operation: looseString('operation'),
    payload: optionalMap('payload'),
    provenance: provenanceField(),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded execution request. */
export type ExecutionRequest = z.output<typeof ExecutionRequestSchema>;
