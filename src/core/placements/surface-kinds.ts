import { SURFACE_CAPABILITIES } from '../../internal/surface-capabilities.js';
import type { PlacementCapabilities } from './capabilities.js';

/** The placement families. */
export type PlacementFamily = 'local' | 'ssh' | 'guest';

/** The execution surface kinds, each with a fixed family and fixed capabilities. */
export type SurfaceKind = 'local_subprocess' | 'ssh_exec' | 'guest_bridge';

interface SurfaceKindFacts {
  readonly placement_family: PlacementFamily;
  readonly capabilities: PlacementCapabilities;
}

/**
 * The surface-kind table: which family each kind belongs to and what it supports. The
 * capabilities are the one shared table the process lane gates on.
 */
export const SURFACE_KINDS: Readonly<Record<SurfaceKind, SurfaceKindFacts>> = {
  local_subprocess: { placement_family: 'local', capabilities: SURFACE_CAPABILITIES.local_subprocess },
  ssh_exec: { placement_family: 'ssh', capabilities: SURFACE_CAPABILITIES.ssh_exec },
  guest_bridge: { placement_family: 'guest', capabilities: SURFACE_CAPABILITIES.guest_bridge },
};

/** The surface kind used when none is given. */
export const DEFAULT_SURFACE_KIND: SurfaceKind = 'local_subprocess';

/** True when `value` names a known surface kind. */
export function isSurfaceKind(value: unknown): value is SurfaceKind {
  return typeof value === 'string' && Object.hasOwn(SURFACE_KINDS, value);
}
