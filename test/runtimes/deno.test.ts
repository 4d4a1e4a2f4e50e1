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

// The `deno` devDependency: its postinstall takes the binary from its platform package on the npm registry.
const DENO = join(root, 'node_modules/.bin/deno');
let server: SmokeServer;
let project: SmokeProject;

beforeAll(async () => {
  expect(existsSync(DENO), `${DENO} missing: run npm ci`).toBe(true);
  server = await startSmokeServer();
  project = createSmokeProject();
  writeFileSync(join(project.dir, 'main.ts'), CLI_ENTRY);
});
afterAll(async () => {
  project?.dispose();
  await server?.close();
});

describe('the smoke suite on Deno', () => {
  it('passes every check through the Node build (Deno matches the `node` export condition)', async () => {
    const stdout = await runIn(
      project.dir,
      DENO,
      ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', 'main.ts', server.base],
      { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(project.dir, '.deno') },
    );
    expectSmoke(reportOf(stdout), 'succeeded');
  });

  it('passes every check through the portable build too (bundled as for a worker: global WebSocket, fetch)', async () => {
    writeFileSync(join(project.dir, 'portable.mjs'), await project.bundle('neutral', CLI_ENTRY));
    const stdout = await runIn(
      project.dir,
      DENO,
      ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', 'portable.mjs', server.base],
      { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(project.dir, '.deno') },
    );
    expectSmoke(reportOf(stdout), 'UNSUPPORTED_RUNTIME');
  });
});
