import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subpaths } from '../../tsup.config.js';
import { createConsumer, requireDist } from './dist.js';

let consumer: ReturnType<typeof createConsumer>;

beforeAll(() => {
  requireDist(subpaths);
  consumer = createConsumer();
});
afterAll(() => consumer.dispose());

/** Runs an ES module in a fresh Node (this Node, 24) inside the consumer project. */
function runModule(name: string, source: string): string {
  const file = join(consumer.dir, name);
  writeFileSync(file, source);
  return execFileSync(process.execPath, [file], { cwd: consumer.dir, encoding: 'utf8', timeout: 15_000 });
}

describe('consumer view of the package', () => {
  it('imports every subpath under Node ESM resolution by the package name', () => {
    const out = runModule(
      'import-all.mjs',
      `const names = ${JSON.stringify(subpaths)};
       const result = {};
       for (const n of names) result[n] = Object.keys(await import('execution-plane/' + n)).length;
       console.log(JSON.stringify(result));`,
    );
    const counts = JSON.parse(out) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([...subpaths].sort());
    expect(counts.core).toBeGreaterThan(10);
  });

  it('refuses deep imports that are not exported', () => {
    const out = runModule(
      'deep.mjs',
      `try { await import('execution-plane/dist/core/index.js'); console.log('loaded'); }
       catch (e) { console.log(e.code); }`,
    );
    expect(out.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('does not load node-pty when process or terminal is imported, only when a PTY is asked for', () => {
    const out = runModule(
      'pty.mjs',
      `import { registerHooks } from 'node:module';
       const seen = [];
       registerHooks({ resolve(specifier, context, next) { if (specifier.includes('node-pty')) seen.push(specifier); return next(specifier, context); } });
       await import('execution-plane/process');
       const terminal = await import('execution-plane/terminal');
       const before = seen.length;
       const available = await terminal.isPtyAvailable();
       console.log(JSON.stringify({ before, after: seen.length, available }));`,
    );
    expect(JSON.parse(out)).toEqual({ before: 0, after: 1, available: true });
  });

  it('shares one execution-model copy between subpaths (errors cross subpaths by brand and instanceof)', () => {
    const out = runModule(
      'brand.mjs',
      `const core = await import('execution-plane/core');
       const e = new core.ExecutionError('X', 'y');
       console.log(JSON.stringify({ brand: core.isExecutionError(e), inst: e instanceof core.ExecutionError }));`,
    );
    expect(JSON.parse(out)).toEqual({ brand: true, inst: true });
  });
});
