import { canonicalJson } from '../contracts/primitives/canonical-json.js';

/** A bounded fingerprint of a value: its sha256 and size, never the value. */
export interface Fingerprint {
  /** `sha256:<64 lowercase hex>` of the value's canonical JSON (UTF-8). */
  readonly sha256: string;
  /** UTF-8 byte length of the value's canonical JSON. */
  readonly byte_size: number;
}

/**
 * Fingerprints a JSON value: sha256 over its canonical JSON bytes (sorted keys), through Web
 * Crypto, so core needs no Node-only module. The reference hashes Erlang term bytes, which no
 * other runtime can reproduce; canonical JSON is reproducible anywhere.
 *
 * @example
 * await fingerprint({ b: 1, a: 2 }); // { sha256: 'sha256:…', byte_size: 13 }
 */
export async function fingerprint(value: unknown): Promise<Fingerprint> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return { sha256: `sha256:${hex}`, byte_size: bytes.length };
}
