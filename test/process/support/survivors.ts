import { readdirSync, readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { isAlive } from './fixtures.js';

let counter = 0;
// Pids are reused (pid_max may be 32768) while a leaked 1000 s sleep of an earlier run lives on.
const started = String(Date.now() % 1_000_000).padStart(6, '0');

/**
 * A marker no other process carries: a `sleep` duration (GNU sleep takes fractions) unique to
 * this test process, its start time and the call, so survivors are counted by argv, not by
 * remembered pids.
 */
export function uniqueMarker(): string {
  counter++;
  return `1000.${process.pid}${started}${String(counter).padStart(4, '0')}`;
}

/** Live (non-zombie) processes whose argv contains `marker`. */
export function withMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (argv.some((arg) => arg.includes(marker)) && isAlive(pid)) pids.push(pid);
    } catch {}
  }
  return pids;
}

/** Polls until `count()` satisfies `ok` or `timeoutMs` passes; returns the last count. */
export async function waitFor(
  count: () => number,
  ok: (n: number) => boolean,
  timeoutMs = 3_000,
): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = count();
    if (ok(n) || Date.now() > until) return n;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits (bounded) for every process carrying `marker` to die; returns how many survived. */
export function survivors(marker: string, timeoutMs = 3_000): Promise<number> {
  return waitFor(
    () => withMarker(marker).length,
    (n) => n === 0,
    timeoutMs,
  );
}

/** Live `sleep` processes (after exec, not a wrapper like `setsid` or `timeout`) carrying `marker`. */
export function markedSleeps(marker: string): number {
  return withMarker(marker).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep\0');
    } catch {
      return false;
    }
  }).length;
}

/** Waits (bounded) until at least `count` marked sleeps run; returns how many do. */
export function sleepsUp(marker: string, count: number, timeoutMs = 8_000): Promise<number> {
  return waitFor(
    () => markedSleeps(marker),
    (n) => n >= count,
    timeoutMs,
  );
}

/** SIGKILLs whatever carries `marker` (cleanup after a failed assertion). */
export function killMarked(marker: string): void {
  for (const pid of withMarker(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

/**
 * A maker of fresh markers whose processes are killed after each test (it registers the
 * `afterEach`), so a failing test leaves no marked process behind for the next.
 */
export function markerPerTest(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const marker of made.splice(0)) killMarked(marker);
  });
  return () => {
    const marker = uniqueMarker();
    made.push(marker);
    return marker;
  };
}
