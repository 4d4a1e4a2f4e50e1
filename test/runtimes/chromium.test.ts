import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmokeReport } from './smoke.js';
import { createSmokeProject, expectSmoke, RUNTIME_TIMEOUT_MS, type SmokeProject } from './smoke-project.js';
import { type SmokeServer, startSmokeServer } from './smoke-server.js';

// Debian's chromium, installed by scripts/ensure-system-deps.sh (as for test/terminal/browser.test.ts).
const CHROMIUM = '/usr/bin/chromium';
// The page runs the suite as soon as the bundle loads and leaves the promise for the test to await.
const PAGE = `<!doctype html><meta charset="utf-8"><title>smoke</title>
<script type="module">import { runSmoke } from '/smoke.js'; window.smoke = runSmoke(location.origin);</script>`;

let server: SmokeServer;
let project: SmokeProject;
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} missing: run scripts/ensure-system-deps.sh`).toBe(true);
  server = await startSmokeServer();
  project = createSmokeProject();
  // The bundle a browser app would ship: esbuild's browser platform, so exports give dist/web.
  server.serve(
    '/smoke.js',
    'text/javascript',
    await project.bundle('browser', "export * from './smoke.ts';"),
  );
  server.serve('/', 'text/html', PAGE);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  project?.dispose();
  await server?.close();
});

describe('the smoke suite in headless Chromium (the portable build, served same-origin)', () => {
  it(
    'passes every check; the Node engine is refused with UNSUPPORTED_RUNTIME',
    async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${server.base}/`);
        const report = await page.evaluate(
          () => (window as unknown as { smoke: Promise<SmokeReport> }).smoke,
          undefined,
        );
        expectSmoke(report, 'UNSUPPORTED_RUNTIME');
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    RUNTIME_TIMEOUT_MS,
  );
});
