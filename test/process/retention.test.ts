import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { coreDefaults } from '../../src/core/index.js';
import { bundle } from './support/bundle.js';
import { fixture, node } from './support/fixtures.js';

const MiB = 1024 * 1024;

async function retained(lines: number, lineBytes: number, maxLineBytes: number) {
  const script = await bundle(fixture('retention.ts'));
  const out = execFileSync(
    node,
    ['--expose-gc', script, String(lines), String(lineBytes), String(maxLineBytes), fixture('big-lines.mjs')],
    { encoding: 'utf8', timeout: 20_000 },
  );
  return JSON.parse(out) as { retained: number; dropped: number; emitted: number; status: string };
}

// The stated bound: eventQueueMaxBytes of output, plus the newest event (one line at most) which
// is always kept, plus slack for the handle, the outcome and the allocator.
const bound = (lineBytes: number) => coreDefaults.eventQueueMaxBytes + lineBytes + 4 * MiB;

describe('an un-iterated execution retains events bounded by bytes, measured after GC', () => {
  it('64 lines of 1 MiB: at most 8 MiB of events (was 127 MB at 128 events)', {
    timeout: 30_000,
  }, async () => {
    const r = await retained(64, MiB, MiB);
    expect(r.status).toBe('succeeded');
    expect(r.dropped).toBeGreaterThan(50);
    expect(r.retained).toBeLessThan(bound(MiB));
  });

  it('24 lines of 4 MiB with maxLineBytes 4 MiB: still about 8 MiB (was 518 MB)', {
    timeout: 30_000,
  }, async () => {
    const r = await retained(24, 4 * MiB, 4 * MiB);
    expect(r.status).toBe('succeeded');
    expect(r.retained).toBeLessThan(bound(4 * MiB));
  });
});

describe('the event queue bound in bytes', () => {
  it('drops the oldest past maxBytes while detached, keeps the newest, and pushes back while attached', async () => {
    const { EventQueue } = await import('../../src/internal/event-queue.js');
    const queue = new EventQueue<number>(100, undefined, 10);
    for (let i = 0; i < 5; i++) queue.push(i, true, 4);
    expect(queue.size).toBe(2);
    expect(queue.bytes).toBe(8);
    expect(queue.dropped).toBe(3);
    queue.push(99, true, 50);
    expect(queue.size).toBe(1);
    const attached = new EventQueue<number>(100, undefined, 10);
    attached.attach();
    expect(attached.push(1, true, 6)).toBeUndefined();
    const full = attached.push(2, true, 6);
    expect(full).toBeInstanceOf(Promise);
    await attached.next();
    await full;
    expect(attached.bytes).toBe(6);
  });
});

describe('NDJSON over lines framing: maxLineBytes agrees with a JSON-RPC channel', () => {
  it('a 6 MB JSON line passes with maxLineBytes 16 MiB, whole and in order, to an iterating consumer', {
    timeout: 20_000,
  }, async () => {
    const { spawn } = await import('../../src/process/index.js');
    const session = spawn(node, [fixture('big-lines.mjs'), '3', String(6_000_000)], {
      maxLineBytes: 16 * MiB,
    });
    const lengths: number[] = [];
    for await (const event of session) {
      const payload = event.payload as { lines?: string[] };
      if (event.event_type === 'process.output' && payload.lines)
        lengths.push(...payload.lines.map((l) => l.length));
    }
    expect(lengths).toEqual([6_000_000, 6_000_000, 6_000_000]);
    expect((await session.result).metrics.events_dropped).toBe(0);
  });

  it('with the 1 MiB default the same line fails LINE_TOO_LONG, naming maxLineBytes', async () => {
    const { run } = await import('../../src/process/index.js');
    const outcome = await run(node, [fixture('big-lines.mjs'), '1', String(6_000_000)]).result;
    expect(outcome.failure?.code).toBe('LINE_TOO_LONG');
    expect(outcome.failure?.reason).toMatch(/maxLineBytes/);
  });
});
