import { describe, expect, it } from 'vitest';
import { ChurnTable } from '../../src/internal/churn-table.js';

// A small deterministic generator, so a failure replays.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

describe('ChurnTable', () => {
  it('answers like a Map through 20 000 random adds, replacements and deletes', () => {
    const next = random(7);
    const table = new ChurnTable<string | number, number>(4);
    const model = new Map<string | number, number>();
    // Few distinct keys, numbers that share low bits (one probe run) and strings alike.
    const keyOf = (n: number) => (n % 3 === 0 ? `exec-${n}` : (n % 5) * 64 + Math.floor(n / 5));
    for (let step = 0; step < 20_000; step++) {
      const key = keyOf(Math.floor(next() * 300));
      const op = next();
      if (op < 0.5) {
        table.set(key, step);
        model.set(key, step);
      } else if (op < 0.8) {
        expect(table.delete(key)).toBe(model.delete(key));
      } else if (op < 0.9) {
        const value = model.get(key) ?? -1;
        const current = next() < 0.5 ? value : value + 1;
        const removed = table.deleteIf(key, current);
        expect(removed).toBe(model.get(key) === current);
        if (removed) model.delete(key);
      }
      expect(table.get(key)).toBe(model.get(key));
      expect(table.size).toBe(model.size);
    }
    for (const [key, value] of model) expect(table.get(key)).toBe(value);
    expect(table.values()).toEqual([...model.values()]);
  });

  it('lists values oldest first; a replaced value keeps its place', () => {
    const table = new ChurnTable<string, string>(2);
    for (const key of ['a', 'b', 'c', 'd', 'e']) table.set(key, key);
    table.delete('b');
    table.set('a', 'A');
    table.set('b', 'B');
    expect(table.values()).toEqual(['A', 'c', 'd', 'e', 'B']);
  });

  it('keeps numbers and their strings apart, as a Map does', () => {
    const table = new ChurnTable<string | number, string>();
    table.set(1, 'number');
    table.set('1', 'string');
    expect([table.get(1), table.get('1'), table.size]).toEqual(['number', 'string', 2]);
    expect(table.get(Number.NaN)).toBeUndefined();
  });

  it('removes nothing for a key it does not hold', () => {
    const table = new ChurnTable<string, number>();
    table.set('x', 1);
    expect([table.delete('y'), table.deleteIf('x', 2), table.get('x')]).toEqual([false, false, 1]);
  });
});
