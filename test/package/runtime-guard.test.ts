import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsupportedRuntimeMessage } from '../../src/internal/runtime-guard.js';
import { subpaths } from '../../tsup.config.js';
import { requireDist, root } from './dist.js';

/**
 * Third-party packages whose evaluation must come after the guard: any of them evaluated first
 * could crash on an old Node before the guard's clear error (execa, which the process lane used
 * until round 4, did: `TEXT_ENCODINGS.union is not a function` on Node 20).
 * zod is not listed: esbuild hoists a chunk's external imports above its code, so zod (plain ES2020)
 * is evaluated just before the guard in the shared core chunk.
 */
const MUST_FOLLOW_GUARD = ['ws', 'eventsource-parser', 'node-pty'];

/** The first Node.js binary on this machine older than the supported minimum, if any. */
function findUnsupportedNode(): { path: string; version: string } | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of new Set(dirs.filter((d) => d !== ''))) {
    const path = join(dir, 'node');
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
    if (version && unsupportedRuntimeMessage({ versions: { node: version } }) !== undefined) {
      return { path, version };
    }
  }
  return undefined;
}

const oldNode = findUnsupportedNode();
if (!oldNode) {
  console.log(
    'runtime guard: old-Node checks skipped, no Node.js < 22.12 on PATH or in /usr/bin, /usr/local/bin',
  );
}

// A load hook that records every third-party ES module whose body starts running (Node 20 has
// `module.register`), so the test sees what was evaluated before the guard threw.
const HOOKS = `export async function load(url, context, next) {
  const result = await next(url, context);
  if (result.format !== 'module' || !url.includes('/node_modules/')) return result;
  const mark = 'globalThis.__epEvaluated ??= []; globalThis.__epEvaluated.push(' + JSON.stringify(url) + ');';
  return { ...result, source: mark + String(result.source) };
}`;
const REGISTER = `import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);`;

let dir: string;

beforeAll(() => {
  requireDist(subpaths);
  dir = mkdtempSync(join(tmpdir(), 'ep-runtime-guard-'));
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(dir, 'register.mjs'), REGISTER);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Imports one built subpath by file URL in `node` and reports the error and what was evaluated. */
function importWith(node: string, name: string): { error: string | null; evaluated: string[] } {
  const url = pathToFileURL(join(root, 'dist', name, 'index.js')).href;
  const script = `let error = null;
    try { await import(${JSON.stringify(url)}); } catch (e) { error = String(e?.message ?? e); }
    console.log(JSON.stringify({ error, evaluated: globalThis.__epEvaluated ?? [] }));`;
  const out = execFileSync(
    node,
    ['--import', pathToFileURL(join(dir, 'register.mjs')).href, '--input-type=module', '-e', script],
    { cwd: dir, encoding: 'utf8', timeout: 15_000 },
  );
  return JSON.parse(out);
}

/** Package names among evaluated module URLs. */
function packagesOf(urls: readonly string[]): string[] {
  const names = urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? u);
  return [...new Set(names)].sort();
}

describe('supported runtime guard (built dist/)', () => {
  it.skipIf(!oldNode).each(subpaths)(
    '%s refuses an unsupported Node.js with one clear error, before any lane dependency loads',
    (name) => {
      const { path, version } = oldNode!;
      const { error, evaluated } = importWith(path, name);
      expect(error).toBe(`execution-plane requires Node.js >= 22.12 (running ${version})`);
      expect(packagesOf(evaluated).filter((p) => MUST_FOLLOW_GUARD.includes(p))).toEqual([]);
    },
  );

  it.each(subpaths)('%s imports cleanly on this Node.js', (name) => {
    expect(unsupportedRuntimeMessage(process)).toBeUndefined();
    const { error, evaluated } = importWith(process.execPath, name);
    expect(error).toBeNull();
    // Every subpath loads zod: proof that the evaluation log above really sees third-party modules.
    expect(packagesOf(evaluated)).toContain('zod');
  });
});

describe('unsupportedRuntimeMessage', () => {
  it('names the minimum and the running version below 22.12', () => {
    expect(unsupportedRuntimeMessage({ versions: { node: '20.20.2' } })).toBe(
      'execution-plane requires Node.js >= 22.12 (running 20.20.2)',
    );
    expect(unsupportedRuntimeMessage({ versions: { node: '22.11.0' } })).toMatch(/running 22\.11\.0/);
  });

  it('accepts 22.12 and later', () => {
    for (const node of ['22.12.0', '22.20.1', '23.0.0', '24.21.0', '30.1.0']) {
      expect(unsupportedRuntimeMessage({ versions: { node } })).toBeUndefined();
    }
  });

  it('leaves runtimes that are not Node.js alone', () => {
    expect(unsupportedRuntimeMessage(undefined)).toBeUndefined();
    expect(unsupportedRuntimeMessage({})).toBeUndefined();
    expect(unsupportedRuntimeMessage({ versions: { node: '20.11.1', deno: '1.46.0' } })).toBeUndefined();
    expect(unsupportedRuntimeMessage({ versions: { node: '20.0.0', bun: '1.1.0' } })).toBeUndefined();
    expect(unsupportedRuntimeMessage({ versions: { node: 'unknown' } })).toBeUndefined();
  });
});
