/**
 * Prints the docs/benchmarks.md table of portable bundle sizes (biome then aligns its columns): each portable subpath bundled by
 * esbuild for the browser and neutral (worker) platforms, as `export *` (everything kept) and as
 * one typical import, minified and gzip -9. Needs `npm run build` first.
 *
 *   node scripts/bundle-sizes.ts
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { portableSubpaths } from '../tsup.config.ts';
import { bundlePortable, portablePlatforms } from './portable-bundle.ts';

// The one call an application typically imports from each subpath.
const TYPICAL: Record<(typeof portableSubpaths)[number], string> = {
  core: 'startExecution, memoryLane',
  'core/contracts': 'decodeContract',
  'core/kernel': 'createKernel',
  'core/placements': 'localPlacement',
  http: 'request',
  sse: 'stream',
  websocket: 'connect',
  jsonrpc: 'createJsonRpcConnection, createStreamableHttpChannel',
};

const root = resolve(import.meta.dirname, '..');
const dir = join(tmpdir(), `ep-sizes-${process.pid}`);
mkdirSync(join(dir, 'node_modules'), { recursive: true });
symlinkSync(root, join(dir, 'node_modules', 'execution-plane'), 'dir');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
try {
  console.log(
    '| subpath | what is imported | browser min | browser min+gz | neutral (worker) min | neutral min+gz |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const subpath of portableSubpaths) {
    for (const [what, source] of [
      ['everything (`export *`)', `export * from 'execution-plane/${subpath}';`],
      [`\`${TYPICAL[subpath]}\``, `export { ${TYPICAL[subpath]} } from 'execution-plane/${subpath}';`],
    ] as const) {
      const cells: string[] = [];
      for (const platform of portablePlatforms) {
        const bundle = await bundlePortable(source, platform, dir);
        cells.push(kb(bundle.minBytes), kb(bundle.gzipBytes));
      }
      console.log(`| ${[subpath, what, ...cells].join(' | ')} |`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
