import { describe, expect, it } from 'vitest';
import { subpaths } from '../../tsup.config.js';
import { listSources, readImports } from '../package/source-imports.js';
import { ROOT } from './helpers.js';

const SUBPATHS: readonly string[] = subpaths;

describe('the CLI is a thin layer over the public API', () => {
  it('reaches the package only through the subpath barrels (the build keeps them external)', () => {
    const outside = listSources(ROOT, 'src/cli')
      .flatMap((file) => readImports(ROOT, file).map((found) => ({ ...found, file })))
      .filter((found) => found.specifier.startsWith('..'));
    expect(outside.length).toBeGreaterThan(0);
    for (const found of outside) {
      const match = /^\.\.\/([a-z]+(?:\/[a-z]+)?)\/index\.js$/.exec(found.specifier);
      expect(match && SUBPATHS.includes(match[1]!), `${found.file}: ${found.specifier}`).toBe(true);
    }
  });
});
