/**
 * True for an opaque handle ref: a string containing `://` or starting with `urn:`. Credential
 * fields accept only these, so a raw secret (`sk-live-…`, `ghp_…`) can never ride in a contract.
 *
 * @example
 * isOpaqueHandleRef('credential-handle://tenant-1/github/lease-1'); // true
 * isOpaqueHandleRef('ghp_super_secret_value');                     // false
 */
export function isOpaqueHandleRef(value: string): boolean {
  return value.includes('://') || value.startsWith('urn:');
}
