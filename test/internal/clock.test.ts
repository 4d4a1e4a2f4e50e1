import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIso, isoNow } from '../../src/internal/clock.js';

describe('clock', () => {
  it('formats exactly as Date#toISOString across seconds, slots and edge milliseconds', () => {
    for (const ms of [0, 1, 9, 10, 99, 100, 999, 1000, 1_795_678_584_915, 253_402_300_799_999]) {
      expect(formatIso(ms)).toBe(new Date(ms).toISOString());
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 253_402_300_700_000 }),
        fc.integer({ min: 0, max: 90_000 }),
        (ms, ahead) => {
          expect(formatIso(ms)).toBe(new Date(ms).toISOString());
          expect(formatIso(ms + ahead)).toBe(new Date(ms + ahead).toISOString());
          expect(formatIso(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('reads the clock once per synchronous burst', async () => {
    const first = isoNow();
    expect(isoNow()).toBe(first);
    await new Promise((r) => setTimeout(r, 5));
    expect(isoNow()).not.toBe(first);
  });

  it('hands every burst the time of its own millisecond, never an earlier one kept', async () => {
    // Bursts in a row, many per millisecond: the kept string is reused only within its millisecond.
    const seen = new Set<string>();
    const until = Date.now() + 30;
    for (let bursts = 0; bursts < 100_000 && Date.now() < until; bursts++) {
      const before = Date.now();
      const text = isoNow();
      const after = Date.now();
      const at = Date.parse(text);
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
      seen.add(text);
      await Promise.resolve(); // ends the burst
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
