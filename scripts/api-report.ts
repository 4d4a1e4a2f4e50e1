/**
 * Writes `api/<subpath>.api.md` for every subpath from the built declarations in dist/ (run
 * `npm run api:update`, which builds first). `test/package/api-report.test.ts` fails when a
 * checked-in report differs from what this would write, so API changes show up in review.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { subpaths } from '../tsup.config.ts';
import { readApiSurface, renderApiReport, reportFile } from './api-surface.ts';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'api');
mkdirSync(dir, { recursive: true });
// A report for a subpath that no longer exists would otherwise linger and fail the test.
for (const file of readdirSync(dir)) if (file.endsWith('.api.md')) rmSync(join(dir, file));
for (const [name, entries] of readApiSurface(root, subpaths)) {
  writeFileSync(join(dir, reportFile(name)), renderApiReport(name, entries));
  console.log(`api/${reportFile(name)}: ${entries.length} exported names`);
}
