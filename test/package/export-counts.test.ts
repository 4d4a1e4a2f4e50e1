import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiEntry, readApiSurface } from '../../scripts/api-surface.js';
import { subpaths } from '../../tsup.config.js';
import { requireDist, root } from './dist.js';

/**
 * Most public names the package's subpaths may export (values, types and interfaces alike). The
 * core family's own entry points (`core/contracts`, `core/kernel`, `core/placements`) are counted
 * apart: they were one namespace name each in `execution-plane/core` until they moved out of its
 * barrel to keep core's bundle small, and hold the reference's wire vocabulary, not new doors.
 */
const MAX_TOTAL_EXPORTS = 250;
/** Most public names `execution-plane/core` may export. */
const MAX_CORE_EXPORTS = 100;
/** Most names each of the core family's entry points may export (today 163, 16 and 19). */
const CORE_FAMILY_BUDGETS: Record<string, number> = {
  'core/contracts': 170,
  'core/kernel': 20,
  'core/placements': 20,
};

let counts: Map<string, number>;

beforeAll(() => {
  requireDist(subpaths);
  // The same checker-based listing that writes api/*.api.md, so a count matches its report.
  const surface: Map<string, ApiEntry[]> = readApiSurface(root, subpaths);
  counts = new Map([...surface].map(([name, entries]) => [name, entries.length]));
  const rows = [...counts].map(([name, n]) => `  ${name.padEnd(16)} ${String(n).padStart(4)}`);
  console.log(`public exports per subpath\n${rows.join('\n')}`);
});

describe('public export counts (built declarations)', () => {
  it(`exports at most ${MAX_TOTAL_EXPORTS} names in total`, () => {
    const total = [...counts]
      .filter(([name]) => !(name in CORE_FAMILY_BUDGETS))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(total, `total public exports; see api/*.api.md for the names`).toBeLessThanOrEqual(
      MAX_TOTAL_EXPORTS,
    );
  });

  it.each(Object.entries(CORE_FAMILY_BUDGETS))('%s exports at most %i names', (name, budget) => {
    expect(counts.get(name), `execution-plane/${name} exports`).toBeLessThanOrEqual(budget);
  });

  it(`exports at most ${MAX_CORE_EXPORTS} names from core`, () => {
    expect(counts.get('core'), 'execution-plane/core exports; see api/core.api.md').toBeLessThanOrEqual(
      MAX_CORE_EXPORTS,
    );
  });
});
