import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Inside node_modules, so Node resolves node-pty from a bundle written there.
const RESOLVES_NODE_PTY = fileURLToPath(new URL('../../../node_modules/.cache/ep-bundles', import.meta.url));

/**
 * Bundles a TypeScript entry (which imports `src/`) into one ESM file, so a separate Node process
 * can run the library from source. node-pty stays external. By default the file goes to the temp
 * dir, where node-pty is not resolvable: the bundle behaves as an install without node-pty. With
 * `nodePty: true` it goes under this repository's node_modules, where node-pty loads.
 */
export async function bundle(entry: string, options: { nodePty?: boolean } = {}): Promise<string> {
  const dir = options.nodePty ? RESOLVES_NODE_PTY : tmpdir();
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `ep-${basename(entry, '.ts')}-${process.pid}.mjs`);
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
