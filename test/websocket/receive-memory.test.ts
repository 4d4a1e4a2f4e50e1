import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { websocketDefaults } from '../../src/websocket/index.js';
import { bundleFixture, runFixture } from './child.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

const MiB = 1024 * 1024;
let server: TestWsServer;
let fixture: string;
beforeAll(async () => {
  server = await startWsServer();
  fixture = await bundleFixture(fileURLToPath(new URL('./fixtures/unread-messages.ts', import.meta.url)));
});
afterAll(() => server.close());

interface Report {
  readonly before: { heap: number; arrayBuffers: number; rss: number };
  readonly held: { heap: number; arrayBuffers: number; rss: number };
  readonly received: number;
  readonly bytes: number;
  readonly dropped: number;
  readonly status: string;
}

async function flood(messages: number, options: object = {}): Promise<Report> {
  const out = await runFixture(
    fixture,
    ['--expose-gc'],
    [`${server.url}/big-flood/${messages}/${MiB}`, String(messages), JSON.stringify(options)],
  );
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Report;
}

const grown = (r: Report) => r.held.heap + r.held.arrayBuffers - (r.before.heap + r.before.arrayBuffers);

// Issue #11 defect 6: retention was bounded by event count only (1 024 × 16 MiB messages possible).
describe('received messages nobody reads are bounded in bytes', () => {
  it('200 × 1 MiB to a session nobody iterates: heap after GC within maxUnreadBytes + one message; then all 200 arrive', async () => {
    const report = await flood(200);
    const bound = websocketDefaults.maxUnreadBytes + MiB;
    // Slack: ws' receive buffers (one message being assembled) and the socket's read.
    expect(grown(report)).toBeLessThan(bound + 4 * MiB);
    expect(report).toMatchObject({ received: 200, bytes: 200 * MiB, dropped: 0, status: 'succeeded' });
  });

  it('a smaller maxUnreadBytes bounds it lower', async () => {
    const report = await flood(60, { maxUnreadBytes: 4 * MiB });
    expect(grown(report)).toBeLessThan(4 * MiB + MiB + 4 * MiB);
    expect(report).toMatchObject({ received: 60, dropped: 0 });
  });
});
