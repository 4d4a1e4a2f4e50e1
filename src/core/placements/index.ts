/**
 * Placements, as `placements.*` from `execution-plane/core`: execution surfaces (local, ssh,
 * guest …), their one capability table, and placement families.
 *
 * @module
 */

export {
  createPlacementCapabilities,
  type PlacementCapabilities,
  PlacementCapabilitiesSchema,
} from './capabilities.js';
export {
  createExecutionSurface,
  type ExecutionSurface,
  ExecutionSurfaceSchema,
} from './execution-surface.js';
export {
  guestPlacement,
  localPlacement,
  type Placement,
  sshPlacement,
} from './placement-families.js';
export type { PlacementFamily, SurfaceKind } from './surface-kinds.js';
export {
  isNonlocalPathSurface,
  isRemoteSurface,
  type SurfaceLike,
  supportedSurfaceKinds,
  surfaceCapabilities,
  surfacePathSemantics,
  surfacePlacementFamily,
} from './surface-lookup.js';
