import { ExecutionCgroup } from './cgroup.js';
import { unsupportedCapability } from './errors.js';
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
  /** Runs the synchronous spawn call so the child starts inside the containment. */
  spawn<T>(start: () => T): T;
  /** Registers the started leader (it leads its own session) with the parent-death watchdog. */
  adopt(pid: number): void;
  /** Sends `signal` to every process of the tree. */
  signal(signal: string): void;
  /** SIGKILLs every process of the tree. */
  kill(): void;
  /** Ends what is left and lets go: the watchdog forgets the tree, the cgroup is removed. */
  release(): void;
}

class CgroupContainment implements Containment {
  readonly mechanism = 'cgroup';
  readonly #cgroup: ExecutionCgroup;

  constructor(cgroup: ExecutionCgroup) {
    this.#cgroup = cgroup;
  }

  spawn<T>(start: () => T): T {
    return this.#cgroup.spawnInside(start);
  }

  adopt(): void {
    watchCgroupParent(this.#cgroup.parent);
  }

  signal(signal: string): void {
    this.#cgroup.signal(signal);
  }

  kill(): void {
    this.#cgroup.kill();
  }

  release(): void {
    if (this.#cgroup.populated()) this.#cgroup.kill();
    void this.#cgroup.remove();
  }
}

class TreeContainment implements Containment {
  readonly mechanism = 'process-tree';
  #leader: number | undefined;
  #unwatch: (() => void) | undefined;
  // Who the tree's signals reached, so the SIGKILL also finds those that left the tree since.
  readonly #seen: SeenProcesses = new Map();

  spawn<T>(start: () => T): T {
    return start();
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
