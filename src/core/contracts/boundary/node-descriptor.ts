import * as z from 'zod/mini';
import { optionalList, optionalMap } from '../primitives/fields.js';
import { boundaryObject, flag, jsonList, looseString, versionAsGiven } from './boundary-fields.js';
import { TargetDescriptorSchema } from './target-descriptor.js';

/**
 * What a node reports about itself: its id, supported contract range, registered lanes and
 * target verifiers, verified targets, authority verifier and whether registration is complete.
 */
export const NodeDescriptorSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    node_id: looseString('node_id'),
    contract_version_range: z._default(optionalMap('contract_version_range'), () => ({ min: 1, max: 1 })),
    registered_lanes: jsonList('registered_lanes'),
    registered_target_verifiers: jsonList('registered_target_verifiers'),
    verified_targets: optionalList('verified_targets', TargetDescriptorSchema),
    authority_verifier: looseString('authority_verifier'),
    registration_complete: flag('registration_complete', false),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded node descriptor. */
export type NodeDescriptor = z.output<typeof NodeDescriptorSchema>;
