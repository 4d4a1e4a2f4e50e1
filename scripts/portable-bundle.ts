import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

/** The two ways a non-Node consumer bundles the package: for a browser, and for a worker. */
export const portablePlatforms = ['browser', 'neutral'] as const;

/** One of {@link portablePlatforms}. */
export type PortablePlatform = (typeof portablePlatforms)[number];

/** What one portable bundle of a subpath came to. */
export interface PortableBundle {
  readonly code: string;
  readonly metafile: Metafile;
  readonly warnings: readonly string[];
  /** Minified bytes. */
  readonly minBytes: number;
  /** Minified, then gzip -9, bytes. */
  readonly gzipBytes: number;
}

/**
 * Bundles `source` (an ES module importing `execution-plane/…`) as a browser or worker bundler
 * would: esbuild's browser platform (the `browser` condition, `browser` main field), or the
 * neutral platform with the `worker`/`workerd` conditions and `module`/`main` fields that
 * Cloudflare's wrangler uses. Neither has the `node` condition, so `exports` serves dist/web/.
 * `resolveDir` must hold a `node_modules/execution-plane`. Rejects on any esbuild error.
 */
export async function bundlePortable(
  source: string,
  platform: PortablePlatform,
  resolveDir: string,
  minify = true,
): Promise<PortableBundle> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true,
    minify,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    ...(platform === 'neutral' ? { conditions: ['workerd', 'worker'], mainFields: ['module', 'main'] } : {}),
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    code: new TextDecoder().decode(bytes),
    metafile: result.metafile as Metafile,
    warnings: result.warnings.map((w) => w.text),
    minBytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
  };
}
