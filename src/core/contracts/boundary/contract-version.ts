/** The integer `contract_version` of every boundary value. */
export const BOUNDARY_CONTRACT_VERSION = 1;

/** Stability of {@link BOUNDARY_CONTRACT_VERSION}. */
export const BOUNDARY_CONTRACT_VERSION_STABILITY = 'stable';

/** The boundary versions this package reads: `{ min: 1, max: 1 }`. */
export function supportedContractVersionRange(): { min: number; max: number } {
  return { min: BOUNDARY_CONTRACT_VERSION, max: BOUNDARY_CONTRACT_VERSION };
}

/**
 * A boundary `contract_version` as an integer: integers stay, a string holding only an integer
 * (`"1"`) is parsed, anything else (`"1.0"`, `" 1"`, `null`) gives `null`.
 *
 * @example
 * normalizeContractVersion('1'); // 1
 */
export function normalizeContractVersion(version: unknown): number | null {
  if (typeof version === 'number') return Number.isSafeInteger(version) ? version : null;
  if (typeof version === 'string' && /^[+-]?\d+$/.test(version)) {
    const parsed = Number(version);
    return Number.isSafeInteger(parsed) ? parsed : null;
  }
  return null;
}

/** True when `version` normalises to {@link BOUNDARY_CONTRACT_VERSION}. */
export function isContractVersionCompatible(version: unknown): boolean {
  return normalizeContractVersion(version) === BOUNDARY_CONTRACT_VERSION;
}
