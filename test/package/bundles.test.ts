import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePortable, portablePlatforms } from '../../scripts/portable-bundle.js';
import { portableSubpaths } from '../../tsup.config.js';
import { createConsumer, requireDist } from './dist.js';

const KB = 1024;
// min+gzip of `export * from 'execution-plane/<subpath>'` (everything kept), measured 33.6, 31.7,
// 22.4, 24.5 and 43.9 KB (issue #16); the ceilings leave ~10% for growth. Issue #13 round 4: core
// 13.3 KB once contracts (21.9), kernel (23.3) and placements (7.7) moved to their own entry
// points, websocket 15.7 KB without zod.
const GZIP_CEILINGS: Record<(typeof portableSubpaths)[number], number> = {
  core: 15 * KB,
  'core/contracts': 24 * KB,
  'core/kernel': 26 * KB,
  'core/placements': 9 * KB,
  http: 35 * KB,
  sse: 25 * KB,
  websocket: 18 * KB,
  jsonrpc: 48 * KB,
};

// What a portable bundle may take besides dist/web: the two runtime-neutral dependencies.
const ALLOWED_INPUT = /(^|\/)(dist\/web\/|node_modules\/(zod|eventsource-parser)\/)|entry\.mjs$/;
// esbuild's code splitting leaves bare chunk imports in every build (the Node one too); a
// consumer's esbuild notes them and drops them. Any other warning fails.
const SPLITTING_NOTE = /^Ignoring this import because ".*" was marked as having no side effects$/;
// A Node built-in named in any form a bundle could keep it (static, dynamic or required).
const NODE_BUILTIN = /["']node:[\w/]+["']|\brequire\(["']/;

let consumer: ReturnType<typeof createConsumer>;

beforeAll(() => {
  requireDist([...portableSubpaths, ...portableSubpaths.map((s) => `web/${s}`)]);
  consumer = createConsumer();
});
afterAll(() => consumer.dispose());

describe('portable bundles (esbuild, browser and neutral platforms, built dist/)', () => {
  for (const subpath of portableSubpaths) {
    for (const platform of portablePlatforms) {
      it(`${subpath} bundles for ${platform} with no error and nothing Node-only`, async () => {
        const bundle = await bundlePortable(
          `export * from 'execution-plane/${subpath}';`,
          platform,
          consumer.dir,
        );
        const inputs = Object.keys(bundle.metafile.inputs);
        expect(inputs.filter((input) => !ALLOWED_INPUT.test(input))).toEqual([]);
        expect(inputs.some((input) => input.includes(`dist/web/${subpath}/index.js`))).toBe(true);
        expect(bundle.warnings.filter((w) => !SPLITTING_NOTE.test(w))).toEqual([]);
        // Nothing is external, so an import left in the output would be one esbuild kept as is.
        expect(Object.values(bundle.metafile.outputs).flatMap((o) => o.imports)).toEqual([]);
        expect(bundle.code).not.toMatch(NODE_BUILTIN);
        expect(bundle.gzipBytes).toBeLessThan(GZIP_CEILINGS[subpath]);
      });
    }
  }

  it('fails for the Node build, so the checks above see what they look for', async () => {
    const nodeBuild = bundlePortable(
      `export * from '${consumer.dir}/node_modules/execution-plane/dist/http/index.js';`,
      'browser',
      consumer.dir,
    );
    await expect(nodeBuild).rejects.toThrow(/node:http|Could not resolve/);
  });
});
