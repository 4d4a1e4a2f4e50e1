import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../package/dist.js';
import {
  CLI_ENTRY,
  createSmokeProject,
  expectSmoke,
  reportOf,
  runIn,
  type SmokeProject,
} from './smoke-project.js';
import { type SmokeServer, startSmokeServer } from './smoke-server.js';

// The `bun` devDependency: its postinstall takes the binary from its platform package on the npm registry.
const BUN = join(root, 'node_modules/.bin/bun');
let server: SmokeServer;
let project: SmokeProject;

beforeAll(async () => {
  expect(existsSync(BUN), `${BUN} missing: run npm ci`).toBe(true);
  server = await startSmokeServer();
  project = createSmokeProject();
  writeFileSync(join(project.dir, 'main.ts'), CLI_ENTRY);
});
afterAll(async () => {
  project?.dispose();
  await server?.close();
});

describe('the smoke suite on Bun', () => {
  it('passes every check through the Node build (Bun matches the `node` export condition)', async () => {
    const stdout = await runIn(project.dir, BUN, ['main.ts', server.base], {
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
    });
    expectSmoke(reportOf(stdout), 'succeeded');
  });

  it('passes every check through the portable build too (bundled as for a worker: global WebSocket, fetch)', async () => {
    writeFileSync(join(project.dir, 'portable.mjs'), await project.bundle('neutral', CLI_ENTRY));
    const stdout = await runIn(project.dir, BUN, ['portable.mjs', server.base], {
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
    });
    expectSmoke(reportOf(stdout), 'UNSUPPORTED_RUNTIME');
  });
});
