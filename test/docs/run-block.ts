import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

/** How long one block may run before its whole process group is killed. */
export const DOC_RUN_TIMEOUT_MS = 20_000;

/** How one block's run ended. */
export interface BlockRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly output: string;
}

/** Where a block runs and what it runs with. */
export interface RunSetup {
  /** The Node 24 binary (the project's pinned `node` devDependency). */
  readonly node: string;
  /** Modules loaded with `--import` before the block (globals, the loopback guard). */
  readonly imports: readonly string[];
  /** Directories put first on PATH (fixture programs, `node_modules/.bin`). */
  readonly path: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Strips the block's types with esbuild (Node does not strip types under `node_modules`), writes
 * it as `<dir>/<id>/block.mjs` and runs it in its own process group and working directory.
 */
export async function runBlock(code: string, dir: string, setup: RunSetup): Promise<BlockRun> {
  mkdirSync(dir, { recursive: true });
  const { code: js } = await transform(code, { loader: 'ts', format: 'esm', target: 'esnext' });
  const file = join(dir, 'block.mjs');
  writeFileSync(file, js);
  const args = [...setup.imports.flatMap((m) => ['--import', m]), file];
  const child = spawn(setup.node, args, {
    cwd: dir,
    detached: true, // a group of its own, so a timeout also kills what the block spawned
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...setup.env, PATH: [...setup.path, process.env.PATH].join(':') },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 64_000) output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let timedOut = false;
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, DOC_RUN_TIMEOUT_MS);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  killGroup(); // leftovers of a block that exited without closing what it spawned
  return { code: exitCode, signal, timedOut, output };
}
