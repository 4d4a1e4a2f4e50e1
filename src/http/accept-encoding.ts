import type { HeaderRecord } from '../internal/http/headers.js';

/** What every engine asks for, and decodes: gzip, deflate and brotli. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Whether this runtime's fetch decodes brotli but does not ask for it. Node's fetch (undici)
 * sends `gzip, deflate` yet decodes `br`; Bun and Deno (which also set `process.versions.node`)
 * decode it too. Browsers choose `accept-encoding` themselves (it is a forbidden header), and
 * other runtimes are left to their own default.
 */
export const FETCH_ASKS_FOR_BROTLI =
  typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** The headers with `accept-encoding` set to {@link ACCEPT_ENCODING}, unless the caller set one. */
export function withAcceptEncoding(headers: HeaderRecord): HeaderRecord {
  return headers['accept-encoding'] === undefined
    ? { ...headers, 'accept-encoding': ACCEPT_ENCODING }
    : headers;
}
