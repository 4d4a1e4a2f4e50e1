import type { PlacementCapabilities } from '../core/placements/capabilities.js';
import { SURFACE_CAPABILITIES } from '../internal/surface-capabilities.js';
import { unsupportedCapability } from './errors.js';
import type { SurfaceKind } from './surface-options.js';

/**
 * What a surface can do: core's placement capabilities model (`remote`, `startup_kind`,
 * `path_semantics`, `supports_*`, `interrupt_kind`).
 */
export type SurfaceCapabilities = PlacementCapabilities;

/** The capabilities a request can need. */
export type Capability = 'run' | 'streaming_stdio' | 'pty' | 'user' | 'env' | 'cwd';

const KIND = { local: 'local_subprocess', ssh: 'ssh_exec', guest: 'guest_bridge' } as const;

/**
 * The capabilities of a surface kind (for `guest`, the most a bridge may grant), from the one
 * shared table core's `surfaceCapabilities('ssh_exec')` reads too.
 *
 * @example
 * surfaceCapabilities('ssh').remote; // true
 */
export function surfaceCapabilities(kind: SurfaceKind): SurfaceCapabilities {
  return SURFACE_CAPABILITIES[KIND[kind]];
}

/** What a request needs, in the reference's gating order (run or streaming first). */
export interface CapabilityNeeds {
  readonly session: boolean;
  readonly pty: boolean;
  readonly user: boolean;
  readonly env: boolean;
  readonly cwd: boolean;
}

/** The capabilities `needs` requires, in checking order. */
export function requiredCapabilities(needs: CapabilityNeeds): Capability[] {
  const required: Capability[] = [needs.session ? 'streaming_stdio' : 'run'];
  if (needs.pty) required.push('pty');
  if (needs.user) required.push('user');
  if (needs.env) required.push('env');
  if (needs.cwd) required.push('cwd');
  return required;
}

/** The first required capability `caps` lacks, or `undefined`. */
export function missingCapability(
  caps: SurfaceCapabilities,
  required: readonly Capability[],
): Capability | undefined {
  return required.find((capability) => !caps[`supports_${capability}`]);
}

/** Throws `UNSUPPORTED_CAPABILITY` naming the first capability `caps` lacks. */
export function assertCapabilities(
  surface: SurfaceKind,
  caps: SurfaceCapabilities,
  required: readonly Capability[],
): void {
  const missing = missingCapability(caps, required);
  if (missing) throw unsupportedCapability(missing, surface);
}

/**
 * True when `effective` grants nothing beyond `maximum`: identity fields equal, booleans only
 * narrowed, the interrupt kind equal or `none` (the reference's subset rule).
 */
export function isCapabilitySubset(effective: SurfaceCapabilities, maximum: SurfaceCapabilities): boolean {
  if (
    effective.remote !== maximum.remote ||
    effective.startup_kind !== maximum.startup_kind ||
    effective.path_semantics !== maximum.path_semantics
  )
    return false;
  if (effective.interrupt_kind !== maximum.interrupt_kind && effective.interrupt_kind !== 'none')
    return false;
  const flags = ['run', 'streaming_stdio', 'pty', 'user', 'env', 'cwd'] as const;
  return flags.every((flag) => maximum[`supports_${flag}`] || !effective[`supports_${flag}`]);
}
