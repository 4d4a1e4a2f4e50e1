import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmokeReport } from './smoke.js';
import { createSmokeProject, expectSmoke, RUNTIME_TIMEOUT_MS, type SmokeProject } from './smoke-project.js';
import { type SmokeServer, startSmokeServer } from './smoke-server.js';

// A Worker module that runs the suite on each request, against the servers named in `?base=`.
const WORKER_ENTRY = `import { runSmoke } from './smoke.ts';
export default {
  async fetch(request) {
    return Response.json(await runSmoke(new URL(request.url).searchParams.get('base')));
  },
};
`;

let server: SmokeServer;
let project: SmokeProject;
let worker: Miniflare;

beforeAll(async () => {
  server = await startSmokeServer();
  project = createSmokeProject();
  // Bundled as wrangler would: the neutral platform with the workerd/worker conditions (dist/web).
  const script = await project.bundle('neutral', WORKER_ENTRY);
  worker = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' });
  await worker.ready;
}, 30_000);
afterAll(async () => {
  await worker?.dispose();
  project?.dispose();
  await server?.close();
});

describe('the smoke suite in workerd (Cloudflare Workers, through miniflare)', () => {
  it(
    'passes every check through the portable build',
    async () => {
      const response = await worker.dispatchFetch(
        `http://worker.local/?base=${encodeURIComponent(server.base)}`,
      );
      expect(response.status).toBe(200);
      expectSmoke((await response.json()) as SmokeReport, 'UNSUPPORTED_RUNTIME');
    },
    RUNTIME_TIMEOUT_MS,
  );
});
