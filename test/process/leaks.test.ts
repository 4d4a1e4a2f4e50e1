import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/process/index.js';
import { openFdCount } from './support/fixtures.js';

const RUNS = 1_000;

describe('no leaks across 1 000 runs', () => {
  it('1 000 runs sharing one AbortSignal leave the fd count unchanged and at most one abort listener', {
    timeout: 60_000,
  }, async () => {
    // Warm up once: the watchdog's pipe is opened on first use and kept for the process.
    await run('true').result;
    const before = openFdCount();
    const controller = new AbortController();
    const { signal } = controller;
    let most = 0;
    // Ten at a time, so many executions watch the signal at once.
    for (let i = 0; i < RUNS; i += 10) {
      const batch = Array.from({ length: 10 }, () => run('true', { signal }));
      most = Math.max(most, getEventListeners(signal, 'abort').length);
      const outcomes = await Promise.all(batch.map((e) => e.result));
      expect(outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(openFdCount()).toBe(before);
    expect(most).toBe(1);
    expect(getEventListeners(signal, 'abort').length).toBe(0);
  });
});
