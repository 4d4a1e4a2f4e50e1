let lastMs = -1;
let lastIso = '';

/**
 * ISO-8601 timestamp of now, formatted at most once per millisecond: events emitted in a burst
 * share one clock read and one string.
 */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
