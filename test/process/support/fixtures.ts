import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture program in test/fixtures/process. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/process/${name}`, import.meta.url));
}

/** The Node binary running the tests (Node 24), for `.mjs` fixtures. */
export const node = process.execPath;

/** State letter of a process from /proc (`R`, `S`, `Z` …), or `undefined` when it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces; the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
  } catch {
    return undefined;
  }
}

/** Alive means present and not a zombie (PID 1 here does not reap orphans, so `Z` counts as dead). */
export function isAlive(pid: number): boolean {
  const state = processState(pid);
  return state !== undefined && state !== 'Z';
}

/** Polls until every pid is dead or `timeoutMs` passes; returns the pids still alive. */
export async function waitForDeath(pids: readonly number[], timeoutMs = 5_000): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > until) return alive;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Number of open file descriptors of this process (the listing's own fd is a constant offset). */
export function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}
