import { type ChildProcess, spawn as spawnChild } from 'node:child_process';
import { once } from 'node:events';
import { delimiter } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { type ExecutionError, isExecutionError } from '../core/errors.js';
import type { ChildExit, ChildPort } from './child-port.js';
import { type Containment, type ContainmentMode, openContainment } from './containment.js';
import { processError, sessionClosed, unsupportedCapability } from './errors.js';
import { exitFacts } from './exit-facts.js';
import { signalGroup } from './process-group.js';
import { checkLaunchable, localBinDirs } from './which.js';
import { writeFailed, writeNow, writeWithin } from './write-within.js';

/** What a local spawn needs: the final argv, directory and environment. */
export interface LocalSpawn {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string | undefined;
  /** Full environment, or `undefined` to inherit this process's. */
  readonly env: Record<string, string> | undefined;
  readonly maxPendingWriteBytes: number;
  /** How the child's tree is held and ended. */
  readonly containment: ContainmentMode;
  /** Look in `node_modules/.bin` from `cwd` upwards first. */
  readonly preferLocal: boolean;
  /** Standard streams shared with this process instead of piped. */
  readonly inherit: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
}

/**
 * Spawns a child with pipes through `node:child_process` (argv only, never a shell), in its own
 * session (`detached`) and containment (a cgroup, or its session walked at kill time), registered
 * with the parent-death watchdog. The `exit` event settles the execution, not the pipes' close,
 * which a grandchild can hold open forever. (Round 1 spawned through execa; the lane does its own
 * supervision, so execa's per-spawn normalisation was a millisecond of CPU spent on nothing.)
 */
export async function startLocalChild(spec: LocalSpawn): Promise<ChildPort> {
  const tree = openContainment(spec.containment);
  const env = childEnv(spec);
  let child: ChildProcess;
  try {
    // The environment the child gets: with preferLocal its PATH already leads with node_modules/.bin.
    if (tree.launcher) checkLaunchable({ command: spec.command, cwd: spec.cwd, env });
    child = tree.spawn(spec.command, spec.args, env ?? process.env, (command, args) =>
      spawnChild(command, args, {
        cwd: spec.cwd,
        env,
        stdio: [stdio(spec.inherit.stdin), stdio(spec.inherit.stdout), stdio(spec.inherit.stderr)],
        detached: true,
        windowsHide: true,
      }),
    );
  } catch (error) {
    tree.release();
    if (isExecutionError(error)) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    throw spawnError(spec.command, code, message);
  }
  const pid = child.pid;
  if (pid === undefined) {
    // The exec failed: Node reports why on the next tick.
    tree.release();
    const [error] = (await once(child, 'error')) as [NodeJS.ErrnoException];
    throw spawnError(spec.command, error.code, error.message);
  }
  tree.adopt(pid);
  // A signal to a process that is already gone is not an error of the execution.
  child.on('error', () => {});
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve(exitFacts(code, signal)));
  });
  // An inherited stream is not ours to read or write: an ended stand-in keeps supervision uniform.
  return new LocalChild(
    pid,
    child.stdin ?? closedWritable(),
    child.stdout ?? endedReadable(),
    child.stderr ?? endedReadable(),
    exited,
    tree,
    spec,
  );
}

const stdio = (inherit: boolean) => (inherit ? 'inherit' : 'pipe');

/**
 * The child's environment: the caller's exactly, or this process's; with `preferLocal`, PATH
 * starts with `node_modules/.bin` from `cwd` upwards and Node's own directory (checkLaunchable
 * searches that PATH). `undefined` means this process's environment unchanged.
 */
function childEnv(spec: LocalSpawn): Record<string, string | undefined> | undefined {
  if (!spec.preferLocal) return spec.env;
  const base = spec.env ?? process.env;
  const local = localBinDirs(spec.cwd ?? process.cwd()).join(delimiter);
  return { ...base, PATH: base.PATH ? `${local}${delimiter}${base.PATH}` : local };
}

function endedReadable(): Readable {
  const stream = new Readable({ read() {} });
  stream.push(null);
  return stream;
}

function closedWritable(): Writable {
  const stream = new Writable({ write: (_chunk, _encoding, done) => done() });
  stream.end();
  return stream;
}

function spawnError(command: string, code: string | undefined, message: string | undefined) {
  if (code === 'ENOENT') {
    return processError('COMMAND_NOT_FOUND', `Command not found: ${command}`, 'launch_failed', { command });
  }
  if (code === 'EACCES') {
    return processError('COMMAND_NOT_EXECUTABLE', `Command not executable: ${command}`, 'launch_failed', {
      command,
    });
  }
  return processError('SPAWN_FAILED', `Could not spawn ${command}: ${message ?? code}`, 'launch_failed', {
    command,
    errno: code ?? null,
  });
}

class LocalChild implements ChildPort {
  readonly pid: number;
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly exited: Promise<ChildExit>;
  #stdin: Writable;
  #tree: Containment;
  #maxPending: number;
  #released = false;
  // The frame writer's failure handler (writeNow writes carry no callback of their own).
  #frameWriteFailed: ((error: ExecutionError) => void) | undefined;

  constructor(
    pid: number,
    stdin: Writable,
    stdout: Readable,
    stderr: Readable,
    exited: Promise<ChildExit>,
    tree: Containment,
    spec: LocalSpawn,
  ) {
    this.pid = pid;
    this.stdout = stdout;
    this.stderr = stderr;
    this.exited = exited;
    this.#stdin = stdin;
    this.#tree = tree;
    this.#maxPending = spec.maxPendingWriteBytes;
    // EPIPE when the child stops reading is reported through write() or to the frame writer;
    // never as an uncaught error.
    stdin.on('error', (error) => this.#frameWriteFailed?.(writeFailed(error)));
  }

  get pendingWriteBytes(): number {
    return this.#stdin.writableLength;
  }

  write(data: Uint8Array): Promise<void> {
    return writeWithin(this.#stdin, data, this.#maxPending);
  }

  writeNow(
    data: string | Uint8Array,
    failed: (error: ExecutionError) => void,
  ): ExecutionError | undefined | Promise<void> {
    this.#frameWriteFailed = failed;
    return writeNow(this.#stdin, data, this.#maxPending);
  }

  end(): Promise<void> {
    const stdin = this.#stdin;
    if (stdin.writableEnded || stdin.destroyed) return Promise.resolve();
    return new Promise((resolve) => stdin.end(() => resolve()));
  }

  interrupt(): Promise<void> {
    if (this.#released) return Promise.reject(sessionClosed('interrupt'));
    signalGroup(this.pid, 'SIGINT');
    return Promise.resolve();
  }

  signal(signal: string): void {
    if (!this.#released) this.#tree.signal(signal);
  }

  reap(): void {
    this.#tree.reap();
  }

  kill(): void {
    if (!this.#released) this.#tree.kill();
  }

  resize(): void {
    throw unsupportedCapability('resize without a PTY', 'local');
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#tree.release();
    this.#stdin.destroy();
    this.stdout.destroy();
    this.stderr.destroy();
  }
}
