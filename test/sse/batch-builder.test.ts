import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../../src/sse/batch-builder.js';

describe('BatchBuilder', () => {
  it('takes what was added, in order, in an array of its own at its exact length', () => {
    const builder = new BatchBuilder<{ n: number }>();
    for (let n = 0; n < 5; n++) builder.add({ n });
    const first = builder.take();
    expect(first).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    expect(builder.length).toBe(0);
    builder.add({ n: 9 });
    const second = builder.take();
    // The next batches reuse the builder's array; what was taken is not touched.
    expect(second).toEqual([{ n: 9 }]);
    expect(first).toHaveLength(5);
    expect(first[0]).toEqual({ n: 0 });
    expect(builder.take()).toEqual([]);
  });

  it('a smaller batch after a larger one holds only its own items, and clear drops them', () => {
    const builder = new BatchBuilder<string>();
    for (const item of ['a', 'b', 'c', 'd']) builder.add(item);
    builder.take();
    builder.add('e');
    expect(builder.take()).toEqual(['e']);
    builder.add('f');
    builder.clear();
    expect(builder.length).toBe(0);
    builder.add('g');
    expect(builder.take()).toEqual(['g']);
  });

  it('a batch larger than the last grows, a smaller one is cut to its count: no holes handed over', () => {
    const builder = new BatchBuilder<number>();
    for (let n = 0; n < 3; n++) builder.add(n);
    const small = builder.take();
    for (let n = 0; n < 10; n++) builder.add(n);
    const large = builder.take();
    builder.add(7);
    const one = builder.take();
    expect(small).toEqual([0, 1, 2]);
    expect(large).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(one).toEqual([7]);
    for (const batch of [small, large, one]) {
      expect(Object.keys(batch)).toHaveLength(batch.length);
      expect(batch.every((item) => typeof item === 'number')).toBe(true);
    }
    expect(new Set([small, large, one]).size).toBe(3);
  });

  it('a take with nothing added is an empty array, and the next batch still starts clean', () => {
    const builder = new BatchBuilder<string>();
    for (const item of ['a', 'b']) builder.add(item);
    builder.take();
    expect(builder.take()).toEqual([]);
    builder.add('c');
    builder.clear();
    builder.add('d');
    expect(builder.take()).toEqual(['d']);
  });
});
