import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root (the package under test). */
export const root = resolve(import.meta.dirname, '../..');

/** Fails with a clear message when the package has not been built. */
export function requireDist(subpaths: readonly string[]): void {
  const missing = subpaths.filter((s) => !existsSync(join(root, 'dist', s, 'index.js')));
  if (missing.length > 0) throw new Error(`dist/ lacks ${missing.join(', ')}: run \`npm run build\` first`);
}

/**
 * A throwaway consumer project whose `node_modules/execution-plane` links to this package, so
 * imports resolve through the `exports` map exactly as an installed copy would.
 */
export function createConsumer(): { dir: string; dispose(): void } {
  const dir = join(tmpdir(), `ep-consumer-${process.pid}-${Date.now()}`);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'execution-plane'), 'dir');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
