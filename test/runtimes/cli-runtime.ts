import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI_ENTRY,
  createSmokeProject,
  expectSmoke,
  reportOf,
  runIn,
  type SmokeProject,
} from './smoke-project.js';
import { type SmokeServer, startSmokeServer } from './smoke-server.js';

/** A runtime run from the command line on a module file: Node, Deno or Bun. */
export interface CliRuntime {
  readonly name: string;
  readonly binary: string;
  /** The arguments that run `file` (in the project directory) with `base` as its one argument. */
  args(file: string, base: string): string[];
  /** Extra environment (its cache kept inside the throwaway project). */
  env(projectDir: string): Record<string, string>;
  /** Whether to run the portable build too, bundled as for a worker. */
  readonly portable: boolean;
}

/**
 * The smoke suite on one command-line runtime: the package as installed (which build it picks
 * is the runtime's own resolution; all three match `node`), and optionally the portable build.
 */
export function describeCliRuntime(runtime: CliRuntime): void {
  let server: SmokeServer;
  let project: SmokeProject;

  beforeAll(async () => {
    expect(existsSync(runtime.binary), `${runtime.binary} missing: run npm ci`).toBe(true);
    server = await startSmokeServer();
    project = createSmokeProject();
    writeFileSync(join(project.dir, 'main.ts'), CLI_ENTRY);
  });
  afterAll(async () => {
    project?.dispose();
    await server?.close();
  });

  const run = (file: string) =>
    runIn(project.dir, runtime.binary, runtime.args(file, server.base), runtime.env(project.dir));

  describe(`the smoke suite on ${runtime.name}`, () => {
    it('passes every check through the Node build (the `node` export condition)', async () => {
      expectSmoke(reportOf(await run('main.ts')), 'succeeded');
    });

    if (runtime.portable) {
      it('passes every check through the portable build too (bundled as for a worker: its own WebSocket, fetch)', async () => {
        writeFileSync(join(project.dir, 'portable.mjs'), await project.bundle('neutral', CLI_ENTRY));
        expectSmoke(reportOf(await run('portable.mjs')), 'UNSUPPORTED_RUNTIME');
      });
    }
  });
}
