import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './dist.js';
import {
  type ImportKind,
  listSources,
  readImports,
  resolveSpecifier,
  type SourceImport,
} from './source-imports.js';

const ANY: readonly ImportKind[] = ['static', 'type', 'dynamic'];
/** Type-only imports are erased and `import()` loads on first use: neither loads a lane with the importer. */
const LAZY: readonly ImportKind[] = ['type', 'dynamic'];

type Area =
  | 'core'
  | 'internal'
  | 'http'
  | 'sse'
  | 'websocket'
  | 'process'
  | 'jsonrpc'
  | 'terminal'
  | 'node'
  | 'cli';

interface Rule {
  /** The folders of src/ this one may import, and how; any folder not listed is forbidden. */
  readonly areas: Partial<Record<Area, readonly ImportKind[]>>;
  /** When given, the only npm packages (and builtins) it may import; otherwise the dist-level isolation test governs them. */
  readonly packages?: readonly string[];
}

const OWN = (area: Area) => ({ [area]: ANY, core: ANY, internal: ANY }) as Rule['areas'];

/** The import rules of ARCHITECTURE.md, one row per folder of src/. */
const RULES: Record<Area, Rule> = {
  core: { areas: { core: ANY, internal: ANY }, packages: ['zod'] },
  internal: { areas: { internal: ANY, core: ANY } },
  http: { areas: OWN('http') },
  sse: { areas: OWN('sse') },
  websocket: { areas: OWN('websocket') },
  process: { areas: OWN('process') },
  jsonrpc: { areas: { ...OWN('jsonrpc'), process: LAZY, websocket: LAZY } },
  terminal: { areas: { ...OWN('terminal'), process: ANY } },
  node: {
    areas: {
      ...OWN('node'),
      http: LAZY,
      sse: LAZY,
      websocket: LAZY,
      process: LAZY,
      jsonrpc: LAZY,
      terminal: LAZY,
    },
  },
  // The bin: the public subpaths only (test/cli/boundaries.test.ts: through their barrels), no internals.
  cli: {
    areas: {
      cli: ANY,
      core: ANY,
      http: ANY,
      sse: ANY,
      websocket: ANY,
      process: ANY,
      jsonrpc: ANY,
      terminal: ANY,
      node: ANY,
    },
  },
};

const AREAS = Object.keys(RULES) as Area[];

/** The package an import names: `zod/mini` → `zod`, `@scope/pkg/x` → `@scope/pkg`, `node:fs` stays. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Why an import breaks its file's rule, or `undefined` when it is allowed. */
function violation(area: Area, found: SourceImport): string | undefined {
  const rule = RULES[area];
  const target = resolveSpecifier(root, found.file, found.specifier);
  const where = `${found.file}:${found.line}: ${found.kind} import '${found.specifier}'`;
  if (found.specifier.startsWith('.')) {
    const match = /^src\/([^/]+)\//.exec(target);
    const to = match?.[1] as Area | undefined;
    if (!to || !(to in RULES)) return `${where} reaches outside the src/ folders (${target})`;
    const allowed = rule.areas[to] ?? [];
    if (allowed.includes(found.kind)) return undefined;
    if (allowed.length === 0) return `${where}: ${area} may not import ${to}`;
    return `${where}: ${area} may import ${to} only as ${allowed.join(' or ')}`;
  }
  if (!rule.packages || rule.packages.includes(packageOf(found.specifier))) return undefined;
  return `${where}: ${area} may import only ${rule.packages.join(', ')} from outside src/`;
}

function violationsOf(area: Area): string[] {
  return listSources(root, join('src', area))
    .flatMap((file) => readImports(root, file))
    .map((found) => violation(area, found))
    .filter((v): v is string => v !== undefined);
}

describe('import rules between the folders of src/ (source text)', () => {
  it('has a rule for every folder of src/', () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.sort()).toEqual([...AREAS].sort());
  });

  it('reads static, type-only and dynamic imports', () => {
    const kinds = new Set(listSources(root, 'src').flatMap((f) => readImports(root, f).map((i) => i.kind)));
    expect([...kinds].sort()).toEqual(['dynamic', 'static', 'type']);
  });

  it('tells allowed from forbidden imports', () => {
    const check = (area: Area, specifier: string, kind: ImportKind) =>
      violation(area, { file: `src/${area}/x.ts`, line: 1, specifier, kind }) === undefined;
    expect(check('jsonrpc', '../process/index.js', 'dynamic')).toBe(true);
    expect(check('jsonrpc', '../process/index.js', 'type')).toBe(true);
    expect(check('jsonrpc', '../process/index.js', 'static')).toBe(false);
    expect(check('terminal', '../process/index.js', 'static')).toBe(true);
    expect(check('node', '../http/index.js', 'static')).toBe(false);
    expect(check('http', '../node/index.js', 'type')).toBe(false);
    expect(check('internal', '../sse/index.js', 'dynamic')).toBe(false);
    expect(check('core', 'zod/mini', 'static')).toBe(true);
    expect(check('core', 'node:fs', 'static')).toBe(false);
    expect(check('core', '../../package.json', 'static')).toBe(false);
  });

  it.each(AREAS)('src/%s imports only what its rule allows', (area) => {
    const violations = violationsOf(area);
    expect(violations, `import rule violations in src/${area}:\n${violations.join('\n')}`).toEqual([]);
  });
});
