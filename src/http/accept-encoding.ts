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

// The headers of a request that sets none (most of them): one shared record, not a copy each.
// Engines only read what they are given.
const ONLY_ACCEPT_ENCODING: HeaderRecord = Object.freeze({ 'accept-encoding': ACCEPT_ENCODING });

/** The headers with `accept-encoding` set to {@link ACCEPT_ENCODING}, unless the caller set one. */
export function withAcceptEncoding(headers: HeaderRecord): HeaderRecord {
  if (headers['accept-encoding'] !== undefined) return headers;
  for (const _ in headers) return { ...headers, 'accept-encoding': ACCEPT_ENCODING };
  return ONLY_ACCEPT_ENCODING;
}
