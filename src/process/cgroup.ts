import { existsSync, mkdirSync, readFileSync, realpathSync, rmdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** This process's place in a writable cgroup v2 hierarchy, found once. */
interface CgroupHome {
  /** The cgroup this process runs in (it returns there after each spawn). */
  readonly own: string;
  /** The per-process parent of every execution's cgroup: `<own>/execution-plane-<pid>`. */
  readonly parent: string;
}

let home: CgroupHome | null | undefined;
let launcher: string | null | undefined;
let serial = 0;

// mountinfo: "id parent major:minor root mountpoint options … - fstype source superoptions".
// Octal escapes (\040 for a space) are decoded.
function cgroup2Mount(): { root: string; point: string } | undefined {
  const decode = (s: string) =>
    s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right || right.split(' ')[0] !== 'cgroup2') continue;
    const fields = left.split(' ');
    if (fields[3] !== undefined && fields[4] !== undefined)
      return { root: decode(fields[3]), point: decode(fields[4]) };
  }
  return undefined;
}

function findHome(): CgroupHome | null {
  try {
    const mount = cgroup2Mount();
    const line = readFileSync('/proc/self/cgroup', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('0::'));
    if (!mount || line === undefined) return null;
    let path = line.slice(3);
    // A bind-mounted subtree: our path must lie inside what is mounted.
    if (mount.root !== '/') {
      if (!path.startsWith(mount.root)) return null;
      path = path.slice(mount.root.length);
    }
    const own = join(mount.point, path);
    const parent = join(own, `execution-plane-${process.pid}`);
    if (!existsSync(parent)) mkdirSync(parent);
    if (!existsSync(join(parent, 'cgroup.kill'))) {
      rmdirSync(parent);
      return null;
    }
    // Both directions of the move must be allowed before anything relies on it.
    writeFileSync(join(own, 'cgroup.procs'), String(process.pid));
    process.once('exit', () => removeQuietly(parent));
    return { own, parent };
  } catch {
    return null;
  }
}

/** The writable cgroup v2 home of this process, or `null` when there is none (no cgroup2, not permitted). */
export function cgroupHome(): CgroupHome | null {
  if (home === undefined) home = findHome();
  return home;
}

/**
 * `/bin/sh` when it is dash, else `null`. dash changes nothing in the environment of what it execs
 * except `PWD`, which the launcher restores; other shells add variables (bash: `SHLVL`, `_`).
 */
export function cgroupLauncher(): string | null {
  if (launcher === undefined) {
    try {
      launcher = basename(realpathSync('/bin/sh')) === 'dash' ? '/bin/sh' : null;
    } catch {
      launcher = null;
    }
  }
  return launcher;
}

/** Forgets the probe's answer (tests that force the fallback, then restore it). */
export function resetCgroupHome(value?: CgroupHome | null): void {
  home = value;
}

/** Forces (or, with `undefined`, forgets) the launcher probe's answer, for tests of both paths. */
export function resetCgroupLauncher(value?: string | null): void {
  launcher = value;
}

function removeQuietly(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/**
 * One execution's cgroup. The program starts inside it: a fixed launcher moves itself in and then
 * execs the program (see `containment.ts`), or, without one, this process steps into the cgroup for
 * the synchronous `spawn` call and straight back out, so the child inherits it at fork. Either way
 * nothing the program forks is outside it. `cgroup.kill` then ends every process in it, `setsid`
 * and `setpgid` escapes included.
 */
export class ExecutionCgroup {
  readonly dir: string;
  /** The per-process parent cgroup it was created under. */
  readonly parent: string;
  readonly #home: CgroupHome;

  private constructor(home: CgroupHome, dir: string) {
    this.#home = home;
    this.dir = dir;
    this.parent = home.parent;
  }

  /** Creates a fresh cgroup under the per-process parent, or `undefined` when that fails. */
  static create(): ExecutionCgroup | undefined {
    const found = cgroupHome();
    if (!found) return undefined;
    const dir = join(found.parent, `e${++serial}`);
    try {
      mkdirSync(dir);
      return new ExecutionCgroup(found, dir);
    } catch {
      return undefined;
    }
  }

  /** The file a process writes its pid to in order to join the cgroup. */
  get procsFile(): string {
    return join(this.dir, 'cgroup.procs');
  }

  /**
   * Runs the synchronous spawn `start` with this process inside the cgroup — the fallback where no
   * launcher can move the child in: migrating this process moves all of its threads, which holds
   * the event loop for an RCU grace period (0.1 ms on a quiet machine, up to 20 ms seen under load).
   */
  spawnInside<T>(start: () => T): T {
    writeFileSync(join(this.dir, 'cgroup.procs'), String(process.pid));
    try {
      return start();
    } finally {
      writeFileSync(join(this.#home.own, 'cgroup.procs'), String(process.pid));
    }
  }

  /** Pids in the cgroup now. */
  members(): number[] {
    try {
      return readFileSync(join(this.dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  /** Sends `signal` to every member (the gentle step of the kill ladder). */
  signal(signal: string): void {
    for (const pid of this.members()) {
      try {
        process.kill(pid, signal as NodeJS.Signals);
      } catch {}
    }
  }

  /** SIGKILLs every process in the cgroup and its descendants' cgroups (`cgroup.kill`). */
  kill(): void {
    try {
      writeFileSync(join(this.dir, 'cgroup.kill'), '1');
    } catch {}
  }

  /** True while any process is in the cgroup. */
  populated(): boolean {
    try {
      return /^populated 1$/m.test(readFileSync(join(this.dir, 'cgroup.events'), 'utf8'));
    } catch {
      return false;
    }
  }

  /** Removes the cgroup once it is empty, polling for at most `waitMs`; false if it stayed. */
  async remove(waitMs = 2_000): Promise<boolean> {
    const until = Date.now() + waitMs;
    for (;;) {
      if (removeQuietly(this.dir) || !existsSync(this.dir)) return true;
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 10).unref());
    }
  }
}
