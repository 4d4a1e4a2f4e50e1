import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** One entry per public subpath; `test/package` asserts these equal the `exports` keys. */
export const subpaths = [
  'core',
  'http',
  'jsonrpc',
  'sse',
  'websocket',
  'process',
  'node',
  'terminal',
  // The core family's own entry points (zod only, like core), apart so core's bundle stays small.
  'core/contracts',
  'core/kernel',
  'core/placements',
] as const;

/**
 * The subpaths that also get a portable build (dist/web/), which package.json's `exports` serve
 * to every runtime without the `node` condition: browsers, workers, neutral bundles.
 */
export const portableSubpaths = [
  'core',
  'core/contracts',
  'core/kernel',
  'core/placements',
  'http',
  'jsonrpc',
  'sse',
  'websocket',
] as const;

/**
 * The portable build's one difference from the Node build: a source module `x.ts` with a sibling
 * `x.web.ts` is replaced by it (node-engine, load-undici, open-socket). The stand-ins keep the
 * exports' types and fail with `UNSUPPORTED_RUNTIME` (or use the runtime's own WebSocket), so no
 * Node built-in, `ws` or undici is reachable from dist/web/.
 */
const portableSwaps: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'portable-swaps',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!/[\\/]src[\\/]/.test(args.importer)) return undefined;
      const web = resolve(args.resolveDir, args.path.replace(/\.js$/, '.web.ts'));
      return existsSync(web) ? { path: web } : undefined;
    });
  },
};

/**
 * zod calls are not side-effect free to a bundler, so a schema built at module top level would
 * stay in every consumer bundle whether used or not. Marking each `z.…(` call `@__PURE__` lets a
 * consumer's bundler drop the schemas it does not use (`test/package` holds the size ceilings).
 */
const pureZodCalls: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'pure-zod-calls',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes("from 'zod/mini'")) return undefined;
      return { contents: markPure(source), loader: 'ts' };
    });
  },
};

/**
 * `"sideEffects": false` (right for every other module) would let esbuild drop each barrel's bare
 * `import '../internal/runtime-guard.js'`, so the guard is resolved here with its side effect kept.
 * Its whole point is the side effect: throwing on an unsupported Node.js before any dependency loads.
 */
const keepRuntimeGuard: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'keep-runtime-guard',
  setup(build) {
    build.onResolve({ filter: /[\\/]internal[\\/]runtime-guard\.js$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')),
      sideEffects: true,
    }));
  },
};

// Line-based on purpose: block and line comments are left alone, so doc examples stay intact.
function markPure(source: string): string {
  let inComment = false;
  return source
    .split('\n')
    .map((line) => {
      const trimmed = line.trimStart();
      if (inComment || trimmed.startsWith('/*')) {
        inComment = !line.includes('*/');
        return line;
      }
      if (trimmed.startsWith('//')) return line;
      return line.replace(/(?<![\w$.])z\.(?=[A-Za-z_$][\w$]*\s*\()/g, '/* @__PURE__ */ z.');
    })
    .join('\n');
}

/**
 * The CLI (`bin`, not a subpath) uses the package only through its public subpaths: each
 * `../<subpath>/index.js` import stays an import of the built subpath (dist/cli → dist/<subpath>),
 * so the bin shares the one copy of the execution model and adds nothing to any subpath's build.
 */
const publicSubpathsExternal: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'public-subpaths-external',
  setup(build) {
    const pattern = new RegExp(`^\\.\\./(${subpaths.join('|')})/index\\.js$`);
    build.onResolve({ filter: pattern }, (args) => ({ path: args.path, external: true }));
  },
};

const cli: Options = {
  entry: { main: 'src/cli/main.ts' },
  outDir: 'dist/cli',
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  dts: false,
  sourcemap: true,
  clean: true,
  banner: { js: '#!/usr/bin/env node' },
  esbuildPlugins: [publicSubpathsExternal],
};

export default defineConfig([
  {
    esbuildPlugins: [keepRuntimeGuard, pureZodCalls],
    entry: Object.fromEntries(subpaths.map((name) => [`${name}/index`, `src/${name}/index.ts`])),
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    dts: false,
    // Shared code (core) goes into chunks, so every subpath uses one copy of the execution model.
    splitting: true,
    treeshake: true,
    sourcemap: true,
    // dist/cli and dist/web are the CLI's and the portable build's own (each cleans its own).
    clean: ['!cli/**', '!web/**'],
    // Optional peer: never bundled, only loaded with `await import()` where a PTY is asked for.
    external: ['node-pty'],
  },
  {
    // The portable build: same sources, the `.web.ts` stand-ins swapped in, no Node target.
    esbuildPlugins: [portableSwaps, keepRuntimeGuard, pureZodCalls],
    entry: Object.fromEntries(portableSubpaths.map((name) => [`${name}/index`, `src/${name}/index.ts`])),
    outDir: 'dist/web',
    format: ['esm'],
    platform: 'neutral',
    target: 'es2022',
    dts: false,
    splitting: true,
    treeshake: true,
    sourcemap: true,
    clean: true,
  },
  cli,
]);
