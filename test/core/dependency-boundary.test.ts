import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = new URL('../../src/core/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('core dependency boundary', () => {
  it('imports nothing but zod and its own modules (no lane, provider or Node-only dependency)', () => {
    const outside = new Set<string>();
    for (const file of sources(CORE)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        if (!specifier?.startsWith('.') && specifier !== 'zod/mini')
          outside.add(`${specifier} (${file.slice(CORE.length)})`);
      }
    }
    expect([...outside]).toEqual([]);
  });

  it('does not reach outside core except for the shared internal helpers', () => {
    for (const file of sources(CORE)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from\s*'(\.[^']+)'/g)) {
        const target = join(file, '..', specifier as string);
        expect(
          target.startsWith(CORE) || target.includes('/src/internal/'),
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
    }
  });
});
