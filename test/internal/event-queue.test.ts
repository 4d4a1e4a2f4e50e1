import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/internal/event-queue.js';

describe('EventQueue', () => {
  it('hands an append to a waiting reader at once, and counts it held until the reader is back', async () => {
    const queue = new EventQueue<number>(4);
    const taken: number[] = [];
    queue.taken = (item) => taken.push(item);
    queue.attach();
    const first = queue.next();
    const waits = [1, 2, 3, 4].map((i) => queue.push(i));
    // The first item went to the reader, yet a burst before the reader runs still meets
    // backpressure at the capacity: the handed item counts until the reader asks again.
    expect(taken).toEqual([1]);
    expect(queue.size).toBe(3);
    expect(waits.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(waits[3]).toBeInstanceOf(Promise);
    expect(await first).toEqual({ done: false, value: 1 });
    let released = false;
    void waits[3]?.then(() => {
      released = true;
    });
    // Back for more: 1 handed item let go, 2 taken now, 2 left — half the capacity.
    expect(await queue.next()).toEqual({ done: false, value: 2 });
    await Promise.resolve();
    expect(released).toBe(true);
  });

  it('wakes a batch reader to take what a burst queued by the time it runs, as one batch', async () => {
    const queue = new EventQueue<number>(4);
    queue.attach();
    const batch = queue.nextBatch(10);
    const waits = [1, 2, 3, 4].map((i) => queue.push(i));
    expect(waits[3]).toBeInstanceOf(Promise);
    expect(await batch).toEqual({ done: false, value: [1, 2, 3, 4] });
  });

  it('releases a producer held by one handed item once the reader is back (capacity 1)', async () => {
    const queue = new EventQueue<number>(1);
    queue.attach();
    const first = queue.next();
    const wait = queue.push(1);
    expect(wait).toBeInstanceOf(Promise);
    expect(await first).toEqual({ done: false, value: 1 });
    const second = queue.next();
    await expect(wait).resolves.toBeUndefined();
    queue.push(2);
    expect(await second).toEqual({ done: false, value: 2 });
  });

  it('shows every item of a batch to `taken`, in order', async () => {
    const queue = new EventQueue<number>(8);
    const taken: number[] = [];
    queue.taken = (item) => taken.push(item);
    for (let i = 1; i <= 5; i++) queue.push(i);
    expect(await queue.nextBatch(3)).toEqual({ done: false, value: [1, 2, 3] });
    expect(taken).toEqual([1, 2, 3]);
    expect(await queue.next()).toEqual({ done: false, value: 4 });
    expect(taken).toEqual([1, 2, 3, 4]);
  });

  it('drops the oldest items past capacity while nobody is attached', async () => {
    const queue = new EventQueue<number>(3);
    for (let i = 0; i < 10; i++) expect(queue.push(i)).toBeUndefined();
    expect(queue.dropped).toBe(7);
    queue.close(99);
    queue.attach();
    const seen: number[] = [];
    for (let n = await queue.next(); !n.done; n = await queue.next()) seen.push(n.value);
    expect(seen).toEqual([7, 8, 9, 99]);
  });

  it('makes producers wait while an attached consumer is behind, and releases them on read', async () => {
    const queue = new EventQueue<number>(2);
    queue.attach();
    expect(queue.push(1)).toBeUndefined();
    const wait = queue.push(2);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(released).toBe(false);
    await queue.next();
    await Promise.resolve();
    expect(released).toBe(true);
    expect(queue.dropped).toBe(0);
  });

  it('releases producers once the consumer has drained half the capacity, not at the first free slot', async () => {
    const queue = new EventQueue<number>(8);
    queue.attach();
    for (let i = 1; i < 8; i++) expect(queue.push(i)).toBeUndefined();
    let released = false;
    void queue.push(8)?.then(() => {
      released = true;
    });
    for (let i = 0; i < 3; i++) await queue.next();
    await Promise.resolve();
    expect(released).toBe(false);
    await queue.next(); // 4 left: half
    await Promise.resolve();
    expect(released).toBe(true);
  });

  it('holds producers full in bytes until there is room in bytes and the count is at half', async () => {
    const queue = new EventQueue<number>(4, undefined, 1_000);
    queue.attach();
    expect(queue.push(1, true, 10)).toBeUndefined();
    expect(queue.push(2, true, 10)).toBeUndefined();
    const wait = queue.push(3, true, 990);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => {
      released = true;
    });
    await queue.next(); // 2 held (half the count), 1 000 bytes: still full
    await Promise.resolve();
    expect(released).toBe(false);
    await queue.next(); // 990 bytes held: room
    await Promise.resolve();
    expect(released).toBe(true);
  });

  it('releases producers when the consumer detaches, then bounds retention again', async () => {
    const queue = new EventQueue<number>(2);
    queue.attach();
    queue.push(1);
    const wait = queue.push(2);
    queue.detach();
    await expect(wait).resolves.toBeUndefined();
    for (let i = 3; i < 10; i++) queue.push(i);
    expect(queue.size).toBe(2);
  });

  it('caps a producer that ignores backpressure at twice the capacity', () => {
    const queue = new EventQueue<number>(4);
    queue.attach();
    for (let i = 0; i < 100; i++) void queue.push(i);
    expect(queue.size).toBe(8);
    expect(queue.dropped).toBe(92);
  });

  it('never asks a winding-down producer to wait', () => {
    const queue = new EventQueue<number>(1);
    queue.attach();
    expect(queue.push(1, false)).toBeUndefined();
    expect(queue.push(2, false)).toBeUndefined();
  });

  it('wakes a waiting consumer on push and ends after close', async () => {
    const queue = new EventQueue<string>(4);
    queue.attach();
    const pending = queue.next();
    queue.push('a');
    await expect(pending).resolves.toEqual({ done: false, value: 'a' });
    const end = queue.next();
    queue.close('z');
    await expect(end).resolves.toEqual({ done: false, value: 'z' });
    await expect(queue.next()).resolves.toEqual({ done: true, value: undefined });
    expect(queue.push('late')).toBeUndefined();
  });
});
