import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  CLI_ENTRY,
  createSmokeProject,
  expectSmoke,
  reportOf,
  runIn,
  type SmokeProject,
} from './smoke-project.js';
import { type SmokeServer, startSmokeServer } from './smoke-server.js';

let server: SmokeServer;
let project: SmokeProject;

beforeAll(async () => {
  server = await startSmokeServer();
  project = createSmokeProject();
  writeFileSync(join(project.dir, 'main.ts'), CLI_ENTRY);
});
afterAll(async () => {
  project?.dispose();
  await server?.close();
});

describe('the smoke suite on Node.js (the baseline the other runtimes are held to)', () => {
  it('passes every check through the Node build', async () => {
    const stdout = await runIn(project.dir, process.execPath, ['main.ts', server.base]);
    expectSmoke(reportOf(stdout), 'succeeded');
  });
});
