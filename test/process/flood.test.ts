import { describe, expect, it } from 'vitest';
import { run } from '../../src/process/index.js';
import { fixture, node } from './support/fixtures.js';

const GiB = 1024 ** 3;
const MB = 1024 ** 2;

// Samples this process's RSS while `work` runs; returns the peak.
async function peakRss(work: () => Promise<unknown>): Promise<number> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss);
}

describe('a 1 GiB stdout flood without newlines', () => {
  it('ends as a bounded framing failure in lines framing, RSS under 200 MB', async () => {
    let outcome: Awaited<ReturnType<typeof run>['result']> | undefined;
    const peak = await peakRss(async () => {
      outcome = await run(node, [fixture('flood.mjs'), String(GiB), '0']).result;
    });
    expect(outcome?.status).toBe('failed');
    expect(outcome?.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'LINE_TOO_LONG',
    });
    expect(outcome?.metrics.stdout_bytes).toBeLessThan(64 * MB);
    expect(peak).toBeLessThan(200 * MB);
  });

  // Streaming at about 1 GB/s, V8 may grow its young generation towards its ~134 MB maximum, so
  // the bound here is on growth relative to the stream: a quarter of it, never the stream itself.
  it('streams through a consumer in raw framing, output truncated, RSS not growing with the stream', {
    timeout: 60_000,
  }, async () => {
    let outcome: Awaited<ReturnType<typeof run>['result']> | undefined;
    let streamed = 0;
    const before = process.memoryUsage().rss;
    const peak = await peakRss(async () => {
      const execution = run(node, [fixture('flood.mjs'), String(GiB), '0'], {
        framing: 'raw',
        maxBufferBytes: MB,
      });
      for await (const event of execution) {
        if (event.event_type === 'process.output')
          streamed += (event.payload as { data: string }).data.length;
      }
      outcome = await execution.result;
    });
    expect(outcome?.status).toBe('succeeded');
    expect(outcome?.output?.stdout_truncated).toBe(true);
    expect(outcome?.output?.stdout.length).toBe(MB);
    expect(streamed).toBe(GiB);
    expect(peak - before).toBeLessThan(GiB / 4);
  });
});
