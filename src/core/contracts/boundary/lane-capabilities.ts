import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, flag, looseString, stringList, versionAsGiven } from './boundary-fields.js';

/**
 * A lane's capabilities as the node describes them (`Lane.Capabilities` in the reference): its
 * id, protocols, surfaces and whether it executes and streams.
 */
export const BoundaryLaneCapabilitiesSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    lane_id: looseString('lane_id'),
    protocols: stringList('protocols'),
    surfaces: stringList('surfaces'),
    supports_execute: flag('supports_execute', true),
    supports_stream: flag('supports_stream', false),
    metadata: optionalMap('metadata'),
  }),
);

/** Decoded lane capabilities. */
export type BoundaryLaneCapabilities = z.output<typeof BoundaryLaneCapabilitiesSchema>;
