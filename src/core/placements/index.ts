/**
 * `execution-plane/core/placements`: execution surfaces (local, ssh,
 * guest …), their one capability table, and placement families.
 *
 * Part of the core family (zod only, no lane); its own entry point so that `execution-plane/core`
 * stays small. `import * as placements` of `execution-plane/core/placements` reads as the namespace did.
 *
 * @module
 */

import '../../internal/runtime-guard.js';

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
