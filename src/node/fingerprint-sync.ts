import { hash } from 'node:crypto';
import { canonicalJson } from '../core/contracts/primitives/canonical-json.js';
import type { Fingerprint } from '../core/kernel/fingerprint.js';

/**
 * The same fingerprint as core's `fingerprint()` (sha256 of the canonical JSON, and its byte
 * size), computed synchronously with node:crypto's one-shot `hash` so evidence is emitted
 * without a promise hop. `null` when the value is not JSON.
 */
export function fingerprintSync(value: unknown): Fingerprint | null {
  let json: string;
  try {
    json = canonicalJson(value);
  } catch {
    return null;
  }
  return { sha256: `sha256:${hash('sha256', json, 'hex')}`, byte_size: Buffer.byteLength(json, 'utf8') };
}
