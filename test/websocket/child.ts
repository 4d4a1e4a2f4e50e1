import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a TypeScript fixture program (src imports with `.js` specifiers included) into one ESM
 * file, so a child `node` can run it with flags such as `--expose-gc`.
 */
export async function bundleFixture(entry: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'ep-ws-')), 'fixture.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // ws loads these optional native helpers in a try/catch.
    external: ['bufferutil', 'utf-8-validate'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs a bundled fixture with node flags; resolves with its stdout. */
export function runFixture(
  file: string,
  flags: string[],
  args: string[],
  timeoutMs = 10_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...flags, file, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
