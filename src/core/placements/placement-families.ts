import type { PlacementFamily, SurfaceKind } from './surface-kinds.js';
import { type SurfaceLike, surfacePlacementFamily } from './surface-lookup.js';

/**
 * A placement family: the surface kinds it serves. Families are honest placement facts; none of
 * them claims sandbox strength.
 */
export interface Placement {
  readonly placement_family: PlacementFamily;
  readonly supported_surface_kinds: readonly SurfaceKind[];
  /** True when `surface` belongs to this family. */
  supportsSurface(surface: SurfaceLike): boolean;
}

/** Local subprocesses. */
export const localPlacement: Placement = {
  placement_family: 'local',
  supported_surface_kinds: ['local_subprocess'],
  supportsSurface: (surface) => surfacePlacementFamily(surface) === 'local',
};

/** Remote execution over the system OpenSSH client. */
export const sshPlacement: Placement = {
  placement_family: 'ssh',
  supported_surface_kinds: ['ssh_exec'],
  supportsSurface: (surface) => surfacePlacementFamily(surface) === 'ssh',
};

/** A guest reached through a bridge (length-prefixed JSON). */
export const guestPlacement: Placement = {
  placement_family: 'guest',
  supported_surface_kinds: ['guest_bridge'],
  supportsSurface: (surface) => surfacePlacementFamily(surface) === 'guest',
};
