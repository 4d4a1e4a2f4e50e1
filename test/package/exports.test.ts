import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portableSubpaths, subpaths } from '../../tsup.config.js';
import { requireDist, root } from './dist.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  type: string;
  sideEffects: boolean;
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional: boolean }>;
  devDependencies: Record<string, string>;
};

/** The directories under `dir` (one level, or two under `core/`) that hold a built `index.js`. */
function barrelsIn(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /^(core\/)?[\w-]+\/index\.js$/.test(f) && !f.startsWith('chunk'))
    .map((f) => f.replace(/\/index\.js$/, ''))
    .sort();
}

describe('package manifest', () => {
  it("exports exactly the eight subpaths, the core family's three, and ./package.json, equal to the tsup entries", () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(
      [...subpaths.map((s) => `./${s}`), './package.json'].sort(),
    );
    expect(Object.keys(pkg.exports).some((k) => k.includes('*') || k.includes('internal'))).toBe(false);
  });

  it('lists types first and points every subpath at its built barrel', () => {
    const portable = new Set<string>(portableSubpaths);
    for (const name of subpaths) {
      const entry = pkg.exports[`./${name}`] as Record<string, string>;
      if (portable.has(name)) {
        // Node (and Deno and Bun, which match `node` too) get the Node build; every other
        // runtime and bundler the portable one.
        expect(Object.keys(entry)).toEqual(['types', 'node', 'default']);
        expect(entry).toEqual({
          types: `./dist/${name}/index.d.ts`,
          node: `./dist/${name}/index.js`,
          default: `./dist/web/${name}/index.js`,
        });
      } else {
        expect(Object.keys(entry)).toEqual(['types', 'default']);
        expect(entry).toEqual({ types: `./dist/${name}/index.d.ts`, default: `./dist/${name}/index.js` });
      }
    }
  });

  it('is ESM-only, side-effect free, and keeps node-pty an optional peer', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['ws', 'zod']);
    expect(pkg.peerDependencies['node-pty']).toBeDefined();
    expect(pkg.peerDependenciesMeta['node-pty']?.optional).toBe(true);
    expect(pkg.dependencies['node-pty']).toBeUndefined();
    expect(pkg.devDependencies.node).toMatch(/^\^?24\./);
  });

  it('builds one barrel per subpath and no entry for src/internal', () => {
    requireDist(subpaths);
    // dist/internal holds declarations only (tsc emits one per module); no JS entry is built there.
    expect(barrelsIn('dist')).toEqual([...subpaths].sort());
    expect(barrelsIn('dist/web')).toEqual([...portableSubpaths].sort());
    expect(
      readdirSync(join(root, 'dist/internal'), { recursive: true }).filter((f) => String(f).endsWith('.js')),
    ).toEqual([]);
    // src/cli is the bin (dist/cli/main.js), not a subpath.
    const lanes = subpaths.filter((s) => !s.includes('/'));
    expect(readdirSync(join(root, 'src')).sort()).toEqual([...lanes, 'internal', 'cli'].sort());
  });

  it('loads node-pty only through a dynamic import', () => {
    for (const file of ['src/internal/load-node-pty.ts']) {
      const source = readFileSync(join(root, file), 'utf8');
      expect(source).not.toMatch(/^import .*node-pty/m);
      expect(source).toMatch(/import\('node-pty'/);
    }
  });
});
