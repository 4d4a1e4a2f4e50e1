import { cgroupLauncher, ExecutionCgroup } from './cgroup.js';
import { unsupportedCapability } from './errors.js';
import { signalGroup } from './process-group.js';
import { type SeenProcesses, signalTree } from './process-tree.js';
import { watchCgroupParent, watchSession } from './reaper.js';

/**
 * How a child's whole tree is held and ended: `'cgroup'` (a cgroup v2 per execution, ended with
 * `cgroup.kill`), `'process-tree'` (the child's session and its descendants by parent chain,
 * walked in /proc at kill time) or `'auto'` (a cgroup where this process can create one, else the
 * walk).
 */
export type ContainmentMode = 'auto' | 'cgroup' | 'process-tree';

/** One execution's tree: how it is spawned, signalled, killed and let go. */
export interface Containment {
  /** The mechanism in use. */
  readonly mechanism: 'cgroup' | 'process-tree';
  /** True when the program starts behind a launcher (so a missing one is not a spawn error). */
  readonly launcher: boolean;
  /**
   * Runs the synchronous spawn call `start` so the program starts inside the containment; `start`
   * gets the argv to spawn: the program's own, or the launcher's. `env` is the child's environment.
   */
  spawn<T>(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
    start: (command: string, args: string[]) => T,
  ): T;
  /** Registers the started leader (it leads its own session) with the parent-death watchdog. */
  adopt(pid: number): void;
  /** Sends `signal` to every process of the tree. */
  signal(signal: string): void;
  /** SIGKILLs every process of the tree. */
  kill(): void;
  /** After the leader's exit: SIGKILLs what is left of the tree (descendants must not outlive it). */
  reap(): void;
  /** Ends what is left and lets go: the watchdog forgets the tree, the cgroup is removed. */
  release(): void;
}

// Fixed text: caller input reaches it only as positional parameters. It moves itself into the
// cgroup ($0 is its cgroup.procs; nothing runs if that fails: exit 125), restores PWD as the
// caller's environment had it ($1: `-` for absent, `=value`), then execs the program (same pid).
const CGROUP_LAUNCHER =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, expanded by sh.
  'echo $$ >"$0" || exit 125; case $1 in -) unset PWD ;; *) PWD=${1#=} ;; esac; shift; exec "$@"';

class CgroupContainment implements Containment {
  readonly mechanism = 'cgroup';
  readonly launcher: boolean;
  readonly #cgroup: ExecutionCgroup;
  readonly #shell: string | null;
  #leader: number | undefined;

  constructor(cgroup: ExecutionCgroup) {
    this.#cgroup = cgroup;
    this.#shell = cgroupLauncher();
    this.launcher = this.#shell !== null;
  }

  // With a launcher the child moves itself in, and this process never migrates (see ExecutionCgroup).
  spawn<T>(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
    start: (command: string, args: string[]) => T,
  ): T {
    if (this.#shell === null) return this.#cgroup.spawnInside(() => start(command, [...args]));
    const pwd = env.PWD === undefined ? '-' : `=${env.PWD}`;
    return start(this.#shell, ['-c', CGROUP_LAUNCHER, this.#cgroup.procsFile, pwd, command, ...args]);
  }

  adopt(pid: number): void {
    this.#leader = pid;
    watchCgroupParent(this.#cgroup.parent);
  }

  // The leader's group is signalled too: in its first instant the launcher may not be in yet. The
  // group, never the bare pid: after the leader is reaped (reap() kills) its pid may be reused.
  signal(signal: string): void {
    this.#cgroup.signal(signal);
    if (this.#leader !== undefined) signalGroup(this.#leader, signal);
  }

  kill(): void {
    this.#cgroup.kill();
    if (this.#leader !== undefined) signalGroup(this.#leader, 'SIGKILL');
  }

  // The leader exited, so it had moved in (it runs nothing before that): all that is left of the
  // tree is in the cgroup. Its process group is not signalled, which would cost an ESRCH error.
  reap(): void {
    this.#cgroup.kill();
  }

  release(): void {
    if (this.#cgroup.populated()) this.#cgroup.kill();
    void this.#cgroup.remove();
  }
}

class TreeContainment implements Containment {
  readonly mechanism = 'process-tree';
  readonly launcher = false;
  #leader: number | undefined;
  #unwatch: (() => void) | undefined;
  // Who the tree's signals reached, so the SIGKILL also finds those that left the tree since.
  readonly #seen: SeenProcesses = new Map();

  spawn<T>(
    command: string,
    args: readonly string[],
    _env: Readonly<Record<string, string | undefined>>,
    start: (command: string, args: string[]) => T,
  ): T {
    return start(command, [...args]);
  }

  adopt(pid: number): void {
    this.#leader = pid;
    this.#unwatch = watchSession(pid);
  }

  signal(signal: string): void {
    if (this.#leader !== undefined) signalTree(this.#leader, signal, this.#seen);
  }

  kill(): void {
    if (this.#leader !== undefined) signalTree(this.#leader, 'SIGKILL', this.#seen);
  }

  reap(): void {
    this.kill();
  }

  release(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#seen.clear();
  }
}

/**
 * The containment for one local spawn. `'cgroup'` where none can be created throws
 * `UNSUPPORTED_CAPABILITY`; `'auto'` falls back to the walk.
 */
export function openContainment(mode: ContainmentMode): Containment {
  if (mode !== 'process-tree') {
    const cgroup = ExecutionCgroup.create();
    if (cgroup) return new CgroupContainment(cgroup);
    if (mode === 'cgroup')
      throw unsupportedCapability('containment: cgroup (no writable cgroup v2 hierarchy)', 'local');
  }
  return new TreeContainment();
}
