import { isIso8601 } from '../core/contracts/primitives/iso8601.js';

/**
 * True when an `expires_at` has passed at `now` (epoch ms; the clock is read only when omitted and
 * there is an instant to compare, so a ref or target without expiry costs no clock read). `null`
 * never expires; a value that is not an ISO-8601 instant with an offset counts as expired,
 * because nobody can show it has not.
 *
 * @example
 * isExpired('2020-01-01T00:00:00Z'); // true
 */
export function isExpired(expiresAt: string | null, now?: number): boolean {
  if (expiresAt === null) return false;
  if (!isIso8601(expiresAt)) return true;
  return Date.parse(expiresAt) <= (now ?? Date.now());
}
