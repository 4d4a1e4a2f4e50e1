import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiEntry, readApiSurface } from '../../scripts/api-surface.js';
import { subpaths } from '../../tsup.config.js';
import { requireDist, root } from './dist.js';

/** Most public names the whole package may export (values, types and interfaces alike). */
const MAX_TOTAL_EXPORTS = 250;
/** Most public names `execution-plane/core` may export. */
const MAX_CORE_EXPORTS = 100;

let counts: Map<string, number>;

beforeAll(() => {
  requireDist(subpaths);
  // The same checker-based listing that writes api/*.api.md, so a count matches its report.
  const surface: Map<string, ApiEntry[]> = readApiSurface(root, subpaths);
  counts = new Map([...surface].map(([name, entries]) => [name, entries.length]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const rows = [...counts].map(([name, n]) => `  ${name.padEnd(10)} ${String(n).padStart(4)}`);
  console.log(
    `public exports per subpath\n${rows.join('\n')}\n  ${'total'.padEnd(10)} ${String(total).padStart(4)}`,
  );
});

describe('public export counts (built declarations)', () => {
  it(`exports at most ${MAX_TOTAL_EXPORTS} names in total`, () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total, `total public exports; see api/*.api.md for the names`).toBeLessThanOrEqual(
      MAX_TOTAL_EXPORTS,
    );
  });

  it(`exports at most ${MAX_CORE_EXPORTS} names from core`, () => {
    expect(counts.get('core'), 'execution-plane/core exports; see api/core.api.md').toBeLessThanOrEqual(
      MAX_CORE_EXPORTS,
    );
  });
});
