import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as pty from 'node-pty';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Screen } from './screen.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
// Inside the repository, so the bundle's bare imports (node-pty, zod …) resolve from node_modules.
const script = join(root, 'node_modules', '.cache', 'ep-terminal-test', 'local-attach.mjs');
const running: pty.IPty[] = [];

beforeAll(async () => {
  mkdirSync(join(script, '..'), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/terminal/local-attach.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: script,
    logLevel: 'silent',
  });
});
afterEach(() => {
  for (const p of running.splice(0)) {
    try {
      p.kill();
    } catch {}
  }
});

/** Runs the script on a PTY (through `sh`, which runs `stty -a` after it to show the TTY it left). */
function run(path: string) {
  const shell = `"${process.execPath}" "${script}" "${consoleFixture}" ${path}; echo "exit=$?"; stty -a`;
  const p = pty.spawn('sh', ['-c', shell], { name: 'xterm-256color', cols: 80, rows: 24 });
  running.push(p);
  let raw = '';
  const screen = new Screen(80, 24);
  let writes = Promise.resolve();
  p.onData((data) => {
    raw += data;
    writes = writes.then(() => screen.write(data));
  });
  const exited = new Promise<void>((resolve) => p.onExit(() => resolve()));
  const until = async (needle: string) => {
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline) {
      if (raw.includes(needle)) return raw;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`never saw ${needle}; output: ${JSON.stringify(raw.slice(-600))}`);
  };
  return {
    p,
    until,
    exited,
    raw: () => raw,
    screen: async () => {
      await writes;
      return screen.text();
    },
  };
}

/** The `stty -a` flags after the script: raw mode off means canonical input and echo are back. */
function ttyRestored(output: string): boolean {
  const flags = output.slice(output.lastIndexOf('exit='));
  return /(^|\s)icanon(\s|$)/.test(flags) && /(^|\s)echo(\s|$)/.test(flags);
}

describe('local_terminal: this process TTY attached', () => {
  it('forwards keys in raw mode, resizes on SIGWINCH, and the detach key restores the TTY', async () => {
    const s = run('detach');
    await s.until('console ready 80x24');
    s.p.write('typed locally\r');
    await s.until('echo: typed locally');
    expect(await s.screen()).toContain('echo: typed locally');
    s.p.resize(100, 30);
    await s.until('resized 100x30');
    s.p.write('\x1d');
    await s.until('[detached raw=false]');
    await s.exited;
    expect(s.raw()).toContain('exit=0');
    expect(ttyRestored(s.raw())).toBe(true);
  }, 15_000);

  it('restores the TTY when the program quits', async () => {
    const s = run('quit');
    await s.until('console ready');
    s.p.write('quit\r');
    await s.until('[ended succeeded raw=false]');
    await s.exited;
    expect(ttyRestored(s.raw())).toBe(true);
  }, 15_000);

  it('restores the TTY when this process exits while attached', async () => {
    const s = run('exit');
    await s.until('console ready');
    await s.exited;
    expect(s.raw()).toContain('exit=3');
    expect(ttyRestored(s.raw())).toBe(true);
  }, 15_000);
});
