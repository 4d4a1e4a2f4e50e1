import { describe, expect, it } from 'vitest';
import { ChurnTable } from '../../src/internal/churn-table.js';
import { bareContext } from '../../src/node/evidence-context.js';
import type { ExecutionRecord } from '../../src/node/execution-table.js';
import { FinishedRing } from '../../src/node/finished-ring.js';

function record(ref: string, owner: string | null = null, hash = ChurnTable.hash(ref)): ExecutionRecord {
  return {
    ref,
    hash,
    mode: 'execute',
    owner,
    context: bareContext(ref),
    status: 'running',
    abort: () => {},
    settled: () => Promise.resolve(),
  };
}

const find = (ring: FinishedRing, ref: string) => ring.get(ref, ChurnTable.hash(ref));

describe('FinishedRing', () => {
  it('remembers the newest `retain` executions with what cancel reads, and forgets the oldest', async () => {
    const ring = new FinishedRing(3);
    for (let i = 0; i < 5; i++)
      ring.add(record(`exec-${i}`, i % 2 ? 'alice' : null), i % 2 ? 'failed' : 'succeeded');
    expect(ring.size).toBe(3);
    expect(find(ring, 'exec-0')).toBeUndefined();
    expect(find(ring, 'exec-1')).toBeUndefined();
    const kept = find(ring, 'exec-3');
    expect(kept).toMatchObject({ ref: 'exec-3', owner: 'alice', mode: 'execute', status: 'failed' });
    expect(kept?.context.execution_ref).toBe('exec-3');
    await expect(kept?.settled()).resolves.toBeUndefined();
    expect(find(ring, 'exec-4')?.status).toBe('succeeded');
  });

  it('keeps the newest record of a ref seen twice, and forgets it only with that one', () => {
    const ring = new FinishedRing(3);
    ring.add(record('exec-a'), 'succeeded');
    ring.add(record('exec-b'), 'succeeded');
    ring.add(record('exec-a', 'bob'), 'cancelled');
    expect(ring.size).toBe(2);
    expect(find(ring, 'exec-a')).toMatchObject({ owner: 'bob', status: 'cancelled' });
    // The first `exec-a` position is reused: the newer one stays.
    ring.add(record('exec-c'), 'succeeded');
    expect(find(ring, 'exec-a')?.owner).toBe('bob');
    ring.add(record('exec-d'), 'succeeded');
    ring.add(record('exec-e'), 'succeeded');
    expect(find(ring, 'exec-a')).toBeUndefined();
    expect(ring.size).toBe(3);
  });

  it('finds every remembered ref through colliding hashes and many wraps of the ring', () => {
    const ring = new FinishedRing(50);
    // Every ref hashes to one of four values: long probe runs, shifted on every removal.
    for (let i = 0; i < 2_000; i++) ring.add(record(`exec-${i}`, null, i % 4), 'succeeded');
    expect(ring.size).toBe(50);
    for (let i = 1_950; i < 2_000; i++) expect(ring.get(`exec-${i}`, i % 4)?.ref).toBe(`exec-${i}`);
    for (let i = 1_900; i < 1_950; i++) expect(ring.get(`exec-${i}`, i % 4)).toBeUndefined();
  });

  it('remembers nothing with retain 0', () => {
    const ring = new FinishedRing(0);
    ring.add(record('exec-x'), 'succeeded');
    expect(ring.size).toBe(0);
    expect(find(ring, 'exec-x')).toBeUndefined();
  });
});
