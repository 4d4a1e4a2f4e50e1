import type { PlacementCapabilities } from './capabilities.js';

/** The placement families. */
export type PlacementFamily = 'local' | 'ssh' | 'guest';

/** The execution surface kinds, each with a fixed family and fixed capabilities. */
export type SurfaceKind = 'local_subprocess' | 'ssh_exec' | 'guest_bridge';

interface SurfaceKindFacts {
  readonly placement_family: PlacementFamily;
  readonly capabilities: PlacementCapabilities;
}

const FULL_CONTROL = {
  supports_run: true,
  supports_streaming_stdio: true,
  supports_pty: true,
  supports_user: true,
  supports_env: true,
  supports_cwd: true,
} as const;

/** The surface-kind table: which family each kind belongs to and what it supports. */
// Built in a pure call: the spreads would otherwise keep the table in bundles that never use it.
export const SURFACE_KINDS: Readonly<Record<SurfaceKind, SurfaceKindFacts>> = /* @__PURE__ */ (() => ({
  local_subprocess: {
    placement_family: 'local',
    capabilities: {
      remote: false,
      startup_kind: 'spawn',
      path_semantics: 'local',
      ...FULL_CONTROL,
      interrupt_kind: 'signal',
    },
  },
  ssh_exec: {
    placement_family: 'ssh',
    capabilities: {
      remote: true,
      startup_kind: 'spawn',
      path_semantics: 'remote',
      ...FULL_CONTROL,
      interrupt_kind: 'signal',
    },
  },
  guest_bridge: {
    placement_family: 'guest',
    capabilities: {
      remote: true,
      startup_kind: 'bridge',
      path_semantics: 'guest',
      supports_run: true,
      supports_streaming_stdio: true,
      supports_pty: false,
      supports_user: false,
      supports_env: false,
      supports_cwd: false,
      interrupt_kind: 'rpc',
    },
  },
}))();

/** The surface kind used when none is given. */
export const DEFAULT_SURFACE_KIND: SurfaceKind = 'local_subprocess';

/** True when `value` names a known surface kind. */
export function isSurfaceKind(value: unknown): value is SurfaceKind {
  return typeof value === 'string' && Object.hasOwn(SURFACE_KINDS, value);
}
