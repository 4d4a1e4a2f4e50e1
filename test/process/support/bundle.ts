import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a TypeScript entry (which imports `src/`) into one ESM file in the temp dir, so a
 * separate Node process can run the library from source. node-pty stays external and is
 * therefore not resolvable from there: the bundle behaves as an install without node-pty.
 */
export async function bundle(entry: string): Promise<string> {
  const outfile = join(tmpdir(), `ep-${basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    external: ['node-pty'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'silent',
  });
  return outfile;
}
