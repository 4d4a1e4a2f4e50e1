import { describe, expect, it } from 'vitest';
import { stableId, unguessableId } from '../../src/internal/ids.js';

describe('ids', () => {
  it('unguessableId: prefix, unix ms, 32 lowercase hex digits; 2 000 draws, no repeat, every digit used', () => {
    const ids = Array.from({ length: 2_000 }, () => unguessableId('exec'));
    for (const id of ids) expect(id).toMatch(/^exec-\d{13}-[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const digits = new Set(ids.flatMap((id) => [...(id.split('-')[2] as string)]));
    expect(digits.size).toBe(16);
  });

  it('stableId: prefix, unix ms and a counter that grows', () => {
    const [a, b] = [stableId('ev'), stableId('ev')];
    expect(a).toMatch(/^ev-\d{13}-\d+$/);
    expect(Number(b.split('-')[2])).toBe(Number(a.split('-')[2]) + 1);
  });

  it('stableId: prefixes taking turns, more of them than it remembers, across milliseconds', async () => {
    const prefixes = ['adm', 'ev', 'exec', 'a', 'b', 'ev'];
    const ids: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const prefix of prefixes) ids.push(stableId(prefix));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    ids.forEach((id, i) => {
      expect(id).toMatch(new RegExp(`^${prefixes[i % prefixes.length]}-\\d{13}-\\d+$`));
    });
    const counters = ids.map((id) => Number(id.split('-')[2]));
    expect(counters.slice(1)).toEqual(counters.slice(0, -1).map((n) => n + 1));
    const stamps = new Set(ids.map((id) => id.split('-')[1]));
    expect(stamps.size).toBeGreaterThanOrEqual(3);
  });
});
