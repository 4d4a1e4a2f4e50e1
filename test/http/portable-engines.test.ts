import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from '../../src/http/index.js';

// The portable build's swaps (tsup.config.ts), done here the same way.
vi.mock('../../src/http/node-engine.js', () => import('../../src/http/node-engine.web.js'));
vi.mock('../../src/http/load-undici.js', () => import('../../src/http/load-undici.web.js'));
vi.mock('../../src/http/default-engine.js', () => import('../../src/http/default-engine.web.js'));

let server: Server;
let base: string;
let requests = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('request() in the portable build', () => {
  it('uses fetch by default, even on a runtime that sets process.versions.node', async () => {
    const execution = request(`${base}/x`, { responseType: 'json' });
    expect(await execution.output()).toMatchObject({ status: 200, body: { ok: true } });
  });

  for (const engine of ['node', 'undici'] as const) {
    it(`fails engine: '${engine}' with UNSUPPORTED_RUNTIME (placement_unavailable), sending nothing`, async () => {
      const before = requests;
      const outcome = await request(`${base}/x`, { engine }).result;
      expect(outcome.status).toBe('failed');
      expect(outcome.failure).toMatchObject({
        code: 'UNSUPPORTED_RUNTIME',
        failure_class: 'placement_unavailable',
        details: { feature: `engine: '${engine}'` },
      });
      expect(outcome.failure?.reason).toContain("use engine: 'fetch'");
      expect(requests).toBe(before);
    });
  }
});
