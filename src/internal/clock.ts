let cached: string | undefined;

function expire(): void {
  cached = undefined;
}

/**
 * ISO-8601 timestamp of now, read from the clock once per synchronous burst: every event emitted
 * before the current job yields (a parser callback loop, one chunk's lines) shares one clock read
 * and one string. Reading the clock costs more than the rest of an event's envelope on some VMs.
 */
export function isoNow(): string {
  if (cached === undefined) {
    cached = new Date().toISOString();
    queueMicrotask(expire);
  }
  return cached;
}
