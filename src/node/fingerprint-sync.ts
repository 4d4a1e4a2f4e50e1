import { hash } from 'node:crypto';
import { canonicalJson } from '../core/contracts/primitives/canonical-json.js';
import type { Fingerprint } from '../core/kernel/fingerprint.js';

/**
 * The same fingerprint as core's `fingerprint()` (sha256 of the canonical JSON, and its byte
 * size), computed synchronously with node:crypto's one-shot `hash` so evidence is emitted
 * without a promise hop. `null` when the value is not JSON.
 */
export function fingerprintSync(value: unknown): Fingerprint | null {
  const known = sharedFingerprint(value);
  return known === null || !Object.isFrozen(known)
    ? known
    : { sha256: known.sha256, byte_size: known.byte_size };
}

/**
 * {@link fingerprintSync} for a reader that only copies the two fields out: a payload that repeats
 * gives the same frozen object each time (no copy per call), so the reader can tell it by identity.
 */
export function sharedFingerprint(value: unknown): Readonly<Fingerprint> | null {
  let json: string;
  try {
    // The most common payload of all, `{}`, needs no canonical walk.
    json = isEmptyMap(value) ? '{}' : canonicalJson(value);
  } catch {
    return null;
  }
  if (json.length > MEMO_MAX_CHARS) return digest(json);
  // Small payloads repeat (`{}`, the same few arguments): each distinct one is hashed once.
  let known = memo.get(json);
  if (known === undefined) {
    known = Object.freeze(digest(json));
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(json, known);
  }
  return known;
}

const MEMO_MAX_CHARS = 256;
const MEMO_ENTRIES = 256;
const memo = new Map<string, Fingerprint>();

function digest(json: string): Fingerprint {
  return { sha256: `sha256:${hash('sha256', json, 'hex')}`, byte_size: Buffer.byteLength(json, 'utf8') };
}

// A plain map with no enumerable key: what canonicalJson (Object.keys) writes as `{}`.
function isEmptyMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  for (const _ in value) return false;
  return true;
}
