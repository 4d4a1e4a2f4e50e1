import type { PlacementCapabilities } from './capabilities.js';
import {
  DEFAULT_SURFACE_KIND,
  isSurfaceKind,
  type PlacementFamily,
  SURFACE_KINDS,
  type SurfaceKind,
} from './surface-kinds.js';

/** A surface kind, a map or surface with a `surface_kind`, or nothing (the default kind). */
export type SurfaceLike = string | { readonly surface_kind?: unknown } | null | undefined;

function kindOf(surface: SurfaceLike): SurfaceKind | null {
  if (surface === null || surface === undefined) return DEFAULT_SURFACE_KIND;
  const kind = typeof surface === 'string' ? surface : (surface.surface_kind ?? DEFAULT_SURFACE_KIND);
  return isSurfaceKind(kind) ? kind : null;
}

/** The supported surface kinds, sorted. */
export function supportedSurfaceKinds(): SurfaceKind[] {
  return (Object.keys(SURFACE_KINDS) as SurfaceKind[]).sort();
}

/**
 * The placement family of a surface, or `null` for an unknown kind.
 *
 * @example
 * surfacePlacementFamily({ surface_kind: 'guest_bridge' }); // 'guest'
 */
export function surfacePlacementFamily(surface: SurfaceLike): PlacementFamily | null {
  const kind = kindOf(surface);
  return kind === null ? null : SURFACE_KINDS[kind].placement_family;
}

/** The fixed capabilities of a surface's kind, or `null` for an unknown kind. */
export function surfaceCapabilities(surface: SurfaceLike): PlacementCapabilities | null {
  const kind = kindOf(surface);
  return kind === null ? null : { ...SURFACE_KINDS[kind].capabilities };
}

/** Whose paths apply on a surface (`local`, `remote`, `guest`), or `null` for an unknown kind. */
export function surfacePathSemantics(surface: SurfaceLike): PlacementCapabilities['path_semantics'] | null {
  return surfaceCapabilities(surface)?.path_semantics ?? null;
}

/** True when the surface runs work on another machine; false for unknown kinds. */
export function isRemoteSurface(surface: SurfaceLike): boolean {
  return surfaceCapabilities(surface)?.remote ?? false;
}

/** True when paths on the surface are not the caller's local paths (remote or guest). */
export function isNonlocalPathSurface(surface: SurfaceLike): boolean {
  const path = surfacePathSemantics(surface);
  return path === 'remote' || path === 'guest';
}
