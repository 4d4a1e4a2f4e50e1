import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiEntry, readApiSurface, renderApiReport, reportFile } from '../../scripts/api-surface.js';
import { subpaths } from '../../tsup.config.js';
import { requireDist, root } from './dist.js';

const FIX = 'the public API changed: review the diff, then run `npm run api:update` and commit api/';

let surface: Map<string, ApiEntry[]>;

beforeAll(() => {
  requireDist(subpaths);
  surface = readApiSurface(root, subpaths);
});

function checkedIn(name: string): string {
  const file = join(root, 'api', reportFile(name));
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

describe('API reports (api/*.api.md) match the built declarations', () => {
  it.each(subpaths)('the API report of %s is up to date', (name) => {
    // Diff reads "- checked in, + built": the + lines are the API as it is now.
    const built = renderApiReport(name, surface.get(name) ?? []);
    expect(built, `api/${reportFile(name)}: ${FIX}`).toBe(checkedIn(name));
  });

  it('has no report for a subpath that no longer exists', () => {
    const reports = readdirSync(join(root, 'api')).filter((f) => f.endsWith('.api.md'));
    expect(reports.sort(), FIX).toEqual(subpaths.map(reportFile).sort());
  });

  it('names no hashed chunk and no absolute path', () => {
    for (const name of subpaths) {
      const text = renderApiReport(name, surface.get(name) ?? []);
      expect(text).not.toMatch(/import\(|chunk-|[A-Za-z0-9_]+-[A-Za-z0-9_-]{8}\.js|\/work\/|__@/);
      expect(text).not.toContain(root);
    }
  });
});
