import { Readable, Writable } from 'node:stream';
import { execa } from 'execa';
import type { ChildExit, ChildPort } from './child-port.js';
import { type Containment, type ContainmentMode, openContainment } from './containment.js';
import { processError, sessionClosed, unsupportedCapability } from './errors.js';
import { exitFacts } from './exit-facts.js';
import { signalGroup } from './process-group.js';
import { checkLaunchable } from './which.js';
import { writeWithin } from './write-within.js';

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
 * Spawns a child with pipes through execa, in its own session (`detached`) and containment (a
 * cgroup, or its session walked at kill time), registered with the parent-death watchdog. execa's
 * result promise is not what settles the execution: it waits for every pipe, which a grandchild
 * can hold open forever; the `exit` event does.
 */
export async function startLocalChild(spec: LocalSpawn): Promise<ChildPort> {
  const tree = openContainment(spec.containment);
  if (tree.launcher) {
    try {
      checkLaunchable(spec);
    } catch (error) {
      tree.release();
      throw error;
    }
  }
  const subprocess = tree.spawn(spec.command, spec.args, spec.env ?? process.env, (command, args) =>
    execa(command, args, {
      cwd: spec.cwd,
      env: spec.env,
      extendEnv: spec.env === undefined,
      stdin: spec.inherit.stdin ? 'inherit' : 'pipe',
      stdout: spec.inherit.stdout ? 'inherit' : 'pipe',
      stderr: spec.inherit.stderr ? 'inherit' : 'pipe',
      preferLocal: spec.preferLocal,
      localDir: spec.cwd ?? process.cwd(),
      buffer: false,
      encoding: 'buffer',
      reject: false,
      cleanup: false,
      detached: true,
      stripFinalNewline: false,
      windowsHide: true,
    }),
  );
  const pid = subprocess.pid;
  if (pid === undefined) {
    tree.release();
    const result = await subprocess;
    throw spawnError(spec.command, result.code, result.originalMessage);
  }
  const child = subprocess.nodeChildProcess;
  tree.adopt(pid);
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve(exitFacts(code, signal)));
  });
  // Errors also surface through execa's promise; this keeps an unread rejection from escaping.
  subprocess.catch(() => {});
  // An inherited stream is not ours to read or write: an ended stand-in keeps supervision uniform.
  return new LocalChild(
    pid,
    subprocess.stdin ?? closedWritable(),
    subprocess.stdout ?? endedReadable(),
    subprocess.stderr ?? endedReadable(),
    exited,
    tree,
    spec,
  );
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
    // EPIPE when the child stops reading is reported through write(); never as an uncaught error.
    stdin.on('error', () => {});
  }

  get pendingWriteBytes(): number {
    return this.#stdin.writableLength;
  }

  write(data: Uint8Array): Promise<void> {
    return writeWithin(this.#stdin, data, this.#maxPending);
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
    this.#tree.kill();
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
