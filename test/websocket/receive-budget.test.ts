import { describe, expect, it } from 'vitest';
import { ReceiveBudget } from '../../src/websocket/receive-budget.js';

describe('ReceiveBudget (unread message bytes, FIFO like the event queue)', () => {
  it('counts held bytes and releases them in the order the consumer takes them', () => {
    const budget = new ReceiveBudget(100, 1024);
    const [a, b, c] = [{ bytes: 60 }, { bytes: 30 }, { bytes: 20 }];
    budget.hold(a);
    budget.hold(b);
    budget.hold(c);
    expect(budget.bytes).toBe(110);
    expect(budget.over).toBe(true);
    budget.take(a);
    expect(budget.bytes).toBe(50);
    expect(budget.over).toBe(false);
  });

  it('taking a later message releases the older ones core dropped before it', () => {
    const budget = new ReceiveBudget(1_000, 1024);
    const held = Array.from({ length: 5 }, () => ({ bytes: 10 }));
    for (const payload of held) budget.hold(payload);
    budget.take(held[3]);
    expect(budget.bytes).toBe(10);
    budget.take(held[1]);
    expect(budget.bytes).toBe(10);
    budget.take(held[4]);
    expect(budget.bytes).toBe(0);
  });

  it('ignores payloads it does not hold and non-objects', () => {
    const budget = new ReceiveBudget(1_000, 1024);
    budget.hold({ bytes: 10 });
    budget.take({ bytes: 10 });
    budget.take('text');
    budget.take(null);
    expect(budget.bytes).toBe(10);
  });

  it('counts only the newest `capacity` messages (older ones are gone from the event queue)', () => {
    const budget = new ReceiveBudget(1_000, 3);
    const held = Array.from({ length: 5 }, (_, i) => ({ bytes: i + 1 }));
    for (const payload of held) budget.hold(payload);
    expect(budget.bytes).toBe(3 + 4 + 5);
    budget.take(held[0]);
    expect(budget.bytes).toBe(12);
    budget.take(held[2]);
    expect(budget.bytes).toBe(9);
  });

  it('room() waits while over and resolves once a take brings it back', async () => {
    const budget = new ReceiveBudget(10, 1024);
    const first = { bytes: 20 };
    budget.hold(first);
    let roomy = false;
    const room = budget.room().then(() => {
      roomy = true;
    });
    await Promise.resolve();
    expect(roomy).toBe(false);
    budget.take(first);
    await room;
    expect(roomy).toBe(true);
  });

  it('stays compact over many messages (bounded by capacity, not by history)', () => {
    const budget = new ReceiveBudget(Number.MAX_SAFE_INTEGER, 16);
    for (let i = 0; i < 100_000; i++) {
      const payload = { bytes: 1 };
      budget.hold(payload);
      if (i % 2 === 0) budget.take(payload);
    }
    expect(budget.bytes).toBeLessThanOrEqual(16);
  });
});
