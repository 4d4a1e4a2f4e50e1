import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV, ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

interface LockEntry {
  readonly dependencies?: Record<string, string>;
  readonly [key: string]: unknown;
}

/**
 * A lockfile for a project depending only on the tarball: the package's production dependency
 * closure copied from our own package-lock (exact versions with integrity), so `npm ci --offline`
 * takes every tarball from the npm cache. `npm install --offline <tgz>` cannot work here: it needs
 * registry documents (packuments) the cache does not hold (ENOTCACHED).
 */
function lockFor(tarball: string): unknown {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const all = lock.packages;
  const root = all['']!;
  const picked: Record<string, LockEntry> = {};
  const find = (name: string, from: string): string | undefined => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      const path = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (all[path]) return path;
      if (!base) return undefined;
    }
  };
  const queue: [string, string][] = Object.keys(root.dependencies ?? {}).map((name) => [name, '']);
  while (queue.length > 0) {
    const [name, from] = queue.pop()!;
    const path = find(name, from);
    if (!path || picked[path]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = all[path]!;
    picked[path] = entry;
    for (const dependency of Object.keys(entry.dependencies ?? {})) queue.push([dependency, path]);
  }
  return {
    name: 'fresh',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'fresh', version: '1.0.0', dependencies: { 'execution-plane': `file:${tarball}` } },
      'node_modules/execution-plane': {
        version: '0.1.0',
        resolved: `file:${tarball}`,
        dependencies: root.dependencies,
        bin: { 'execution-plane': 'dist/cli/main.js' },
      },
      ...picked,
    },
  };
}

describe('the packed tarball', () => {
  it('ships the bin, the config schema and no CLI sources', () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        env: ENV,
        encoding: 'utf8',
      }),
    ) as [{ files: { path: string; mode: number }[] }];
    const files = packed.files.map((file) => file.path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('schemas/node-config.schema.json');
    expect(files).toContain('docs/cli.md');
    expect(files.filter((file) => file.startsWith('src/'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('dist/cli/') && file.endsWith('.d.ts'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'dist/cli/main.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('`npx execution-plane --help` works from a fresh offline install of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ep-pack-'));
    execFileSync('npm', ['pack', '--pack-destination', dir, '--silent', '--ignore-scripts'], {
      cwd: ROOT,
      env: ENV,
    });
    const tarball = 'execution-plane-0.1.0.tgz';
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'fresh',
        version: '1.0.0',
        dependencies: { 'execution-plane': `file:${tarball}` },
      }),
    );
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockFor(tarball), null, 1));
    execFileSync(
      'npm',
      ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      {
        cwd: dir,
        env: ENV,
        stdio: 'ignore',
      },
    );
    const help = execFileSync('npx', ['--offline', 'execution-plane', '--help'], {
      cwd: dir,
      env: ENV,
      encoding: 'utf8',
    });
    expect(help).toMatch(/^execution-plane — /);
    // The installed bin finds its dependencies: a real execution through the process lane.
    const ran = execFileSync('npx', ['--offline', 'execution-plane', 'run', 'echo', 'installed'], {
      cwd: dir,
      env: ENV,
      encoding: 'utf8',
    });
    expect(ran).toBe('installed\n');
  }, 60_000);
});
