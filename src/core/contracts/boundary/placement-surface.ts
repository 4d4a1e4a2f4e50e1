import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, stringOr, versionAsGiven } from './boundary-fields.js';

/**
 * The lane-neutral placement a request asks for (`surface_kind` and `family`, both default
 * `local`). Not the validated `execution_surface.v1` of the placements.
 */
export const PlacementSurfaceSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    surface_kind: stringOr('surface_kind', 'local'),
    family: stringOr('family', 'local'),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded placement surface. */
export type PlacementSurface = z.output<typeof PlacementSurfaceSchema>;
