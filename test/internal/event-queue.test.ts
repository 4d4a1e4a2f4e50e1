import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/internal/event-queue.js';

describe('EventQueue', () => {
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
