import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumer, requireDist } from './dist.js';

let consumer: ReturnType<typeof createConsumer>;

beforeAll(() => {
  requireDist(['sse', 'http']);
  consumer = createConsumer();
});
afterAll(() => consumer.dispose());

// The source modules behind every dist file a bundle takes, read from the dist sourcemaps.
async function sourcesOf(subpath: string): Promise<string[]> {
  const entry = join(consumer.dir, `${subpath}-sources.mjs`);
  writeFileSync(entry, `import * as m from 'execution-plane/${subpath}'; globalThis.m = m;`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    metafile: true,
    logLevel: 'silent',
    external: ['node-pty'],
  });
  const metafile = result.metafile as Metafile;
  const sources: string[] = [];
  for (const input of Object.keys(metafile.inputs)) {
    // Inputs are relative to the working directory, with the consumer's symlink resolved.
    const file = resolve(input);
    if (!/(^|\/)dist\//.test(input) || !existsSync(`${file}.map`)) continue;
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    sources.push(...map.sources.map((s) => s.replace(/^(\.\.\/)+/, '')));
  }
  return sources;
}

describe('execution-plane/sse does not load the HTTP lane (built dist/, bundled with esbuild)', () => {
  it('takes no module of src/http, only the shared src/internal/http plumbing', async () => {
    const sources = await sourcesOf('sse');
    expect(sources.some((s) => s.startsWith('src/sse/'))).toBe(true);
    expect(sources.filter((s) => s.startsWith('src/http/'))).toEqual([]);
  });

  it('while execution-plane/http does (the check sees what it looks for)', async () => {
    const sources = await sourcesOf('http');
    expect(sources.some((s) => s.startsWith('src/http/'))).toBe(true);
  });
});
