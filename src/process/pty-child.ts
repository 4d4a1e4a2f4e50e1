import { Readable } from 'node:stream';
import { loadNodePty, type PtyLike } from '../internal/load-node-pty.js';
import type { ChildExit, ChildPort } from './child-port.js';
import { type Containment, openContainment } from './containment.js';
import { processError, sessionClosed } from './errors.js';
import { exitFacts } from './exit-facts.js';
import type { LocalSpawn } from './local-child.js';
import type { PtySettings } from './settings.js';
import { checkLaunchable } from './which.js';

const CTRL_C = Buffer.from([3]);
const CTRL_D = Buffer.from([4]);

/**
 * Spawns a child on a pseudo-terminal through node-pty, loaded on first use. The child leads its
 * own session (node-pty calls setsid), so its pid is its process group.
 */
export async function startPtyChild(spec: LocalSpawn, pty: PtySettings): Promise<ChildPort> {
  const nodePty = await loadNodePty();
  // node-pty reports a missing command only as text on the terminal; check it up front instead.
  const env = spec.env ?? process.env;
  checkLaunchable({ command: spec.command, cwd: spec.cwd, env });
  let term: PtyLike;
  const tree = openContainment(spec.containment);
  try {
    term = tree.spawn(spec.command, spec.args, env, (command, args) =>
      nodePty.spawn(command, args, {
        name: pty.name,
        cols: pty.cols,
        rows: pty.rows,
        cwd: spec.cwd ?? process.cwd(),
        env,
        encoding: null,
      }),
    );
  } catch (cause) {
    tree.release();
    throw processError(
      'SPAWN_FAILED',
      `Could not spawn ${spec.command} on a PTY: ${cause instanceof Error ? cause.message : String(cause)}`,
      'launch_failed',
      { command: spec.command },
      cause,
    );
  }
  tree.adopt(term.pid);
  return new PtyChild(term, tree);
}

class PtyChild implements ChildPort {
  readonly pid: number;
  readonly stdout: Readable;
  readonly stderr = null;
  readonly exited: Promise<ChildExit>;
  readonly pendingWriteBytes = 0;
  #term: PtyLike;
  #tree: Containment;
  #disposers: Array<{ dispose(): void }> = [];
  #ended = false;
  #done = false;

  constructor(term: PtyLike, tree: Containment) {
    this.pid = term.pid;
    this.#term = term;
    this.#tree = tree;
    // Terminal output as a stream whose backpressure pauses the PTY.
    this.stdout = new Readable({ read: () => term.resume() });
    this.#disposers.push(
      term.onData((data) => {
        const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        if (!this.stdout.push(chunk)) term.pause();
      }),
    );
    this.exited = new Promise((resolve) => {
      // node-pty emits exit once the terminal's output is drained (or 200 ms after the child died).
      this.#disposers.push(
        term.onExit(({ exitCode, signal }) => {
          this.#done = true;
          this.stdout.push(null);
          resolve(exitFacts(exitCode, signal));
        }),
      );
    });
  }

  // node-pty queues terminal writes itself and offers no completion signal, so a PTY write
  // resolves once queued; the kernel's terminal buffer is its only backpressure.
  write(data: Uint8Array): Promise<void> {
    if (this.#done || this.#ended) return Promise.reject(sessionClosed('write'));
    this.#term.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return Promise.resolve();
  }

  end(): Promise<void> {
    if (this.#done || this.#ended) return Promise.resolve();
    this.#ended = true;
    this.#term.write(CTRL_D);
    return Promise.resolve();
  }

  interrupt(): Promise<void> {
    if (this.#done) return Promise.reject(sessionClosed('interrupt'));
    this.#term.write(CTRL_C);
    return Promise.resolve();
  }

  signal(signal: string): void {
    if (!this.#done) this.#tree.signal(signal);
  }

  reap(): void {
    this.#tree.reap();
  }

  kill(): void {
    this.#tree.kill();
  }

  resize(cols: number, rows: number): void {
    if (!this.#done) this.#term.resize(cols, rows);
  }

  release(): void {
    this.#done = true;
    this.#tree.release();
    for (const d of this.#disposers) d.dispose();
    this.#disposers = [];
    this.stdout.destroy();
  }
}
