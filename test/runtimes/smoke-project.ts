import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bundlePortable, type PortablePlatform } from '../../scripts/portable-bundle.js';
import { portableSubpaths } from '../../tsup.config.js';
import { createConsumer, requireDist } from '../package/dist.js';
import type { SmokeReport } from './smoke.js';

/** Milliseconds a runtime may take to run the whole smoke suite before it is killed. */
export const RUNTIME_TIMEOUT_MS = 60_000;

/** A consumer project holding `smoke.ts`, with `execution-plane` linked into its node_modules. */
export interface SmokeProject {
  readonly dir: string;
  /** The smoke suite and `entry` bundled as a browser or worker bundler would (dist/web). */
  bundle(platform: PortablePlatform, entry: string): Promise<string>;
  dispose(): void;
}

/** Creates the consumer project; the package must be built. */
export function createSmokeProject(): SmokeProject {
  requireDist([...portableSubpaths, ...portableSubpaths.map((s) => `web/${s}`)]);
  const consumer = createConsumer();
  copyFileSync(join(import.meta.dirname, 'smoke.ts'), join(consumer.dir, 'smoke.ts'));
  // Deno resolves bare specifiers from node_modules only in a directory with a package.json.
  writeFileSync(join(consumer.dir, 'package.json'), '{ "type": "module", "private": true }\n');
  return {
    dir: consumer.dir,
    bundle: async (platform, entry) => (await bundlePortable(entry, platform, consumer.dir, false)).code,
    dispose: consumer.dispose,
  };
}

/** Runs a runtime's command in the project, bounded by {@link RUNTIME_TIMEOUT_MS}; resolves with stdout. */
export function runIn(
  dir: string,
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: dir, timeout: RUNTIME_TIMEOUT_MS, env: { ...process.env, ...env }, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

/** The last line of a runtime's stdout, where the entry prints the report. */
export function reportOf(stdout: string): SmokeReport {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as SmokeReport;
}

/**
 * What every runtime must report. `nodeEngine` is the one difference: `'succeeded'` where the
 * runtime takes the Node build (Node, Deno, Bun), `'UNSUPPORTED_RUNTIME'` in the portable build.
 */
export function expectSmoke(report: SmokeReport, nodeEngine: 'succeeded' | 'UNSUPPORTED_RUNTIME'): void {
  expect(report).toEqual({
    core: {
      ok: true,
      value: { status: 'succeeded', output: { answer: 42 }, types: expect.arrayContaining(['memory.note']) },
    },
    http: { ok: true, value: { status: 200, body: { hello: 'runtime' } } },
    nodeEngine: { ok: true, value: nodeEngine },
    sse: { ok: true, value: { values: [{ n: 1 }, { n: 2 }, { n: 3 }], status: 'succeeded' } },
    websocket: { ok: true, value: { echoed: 'hello', status: 'succeeded', closeCode: 1000 } },
    jsonrpcMemory: { ok: true, value: 5 },
    jsonrpcWebSocket: { ok: true, value: 9 },
    jsonrpcStreamableHttp: { ok: true, value: { server: 'smoke', sum: 13 } },
  });
}

/** The entry Deno, Bun and Node run: the report as one JSON line. */
export const CLI_ENTRY = `import { runSmoke } from './smoke.ts';
const base = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
console.log(JSON.stringify(await runSmoke(base)));
`;
