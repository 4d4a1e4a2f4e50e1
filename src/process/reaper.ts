import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { TREE_WALK_SH } from './tree-walk-sh.js';

// The watchdog is a fixed POSIX sh script (no caller input is ever interpolated): it reads
// `a <sid>` / `d <sid>` lines (sessions to watch / forget) and at most one `c <dir>` line (this
// process's parent cgroup) from a pipe whose only writer is this process. When that pipe hits
// EOF — this process exited, crashed or was SIGKILLed — it sends SIGTERM to every process of the
// registered trees, then SIGKILL a second later: a tree is every process in the session, plus
// (by parent chain) their descendants, plus every process in the cgroup's subtree, which
// `cgroup.kill` ends. It ignores terminal signals and runs in its own session so it outlives
// whatever killed its parent.
const SCRIPT = `trap '' INT TERM HUP QUIT PIPE
live=' ' cg=
while read -r op arg; do
  case $op in
    a) live="$live$arg " ;;
    d) case $live in *" $arg "*) live="\${live%%" $arg "*} \${live#*" $arg "}" ;; esac ;;
    c) cg=$arg ;;
  esac
done
[ "$live" = ' ' ] && [ -z "$cg" ] && exit 0
${TREE_WALK_SH}
hit() {
  [ "$live" = ' ' ] || { tree; for p in $t; do kill "-$1" "$p" 2>/dev/null; done; }
  [ -n "$cg" ] && for f in "$cg"/*/cgroup.procs; do
    [ -f "$f" ] && while read -r p; do kill "-$1" "$p" 2>/dev/null; done < "$f"
  done
}
hit TERM
sleep 1
hit KILL
[ -n "$cg" ] && { echo 1 > "$cg/cgroup.kill"; sleep 0.2; rmdir "$cg"/*/ "$cg" 2>/dev/null; }
exit 0`;

interface Reaper {
  readonly child: ChildProcess;
  readonly stdin: Socket;
  dead: boolean;
}

let current: Reaper | undefined;
// Sessions that ended, not yet told to the watchdog: sent with the next registration (one pipe
// write per spawn) or within a second. A session id cannot be reused that fast.
let ended: number[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let cgroupParent: string | undefined;
// The watchdog that was last told the parent cgroup.
let told: Reaper | undefined;

function startReaper(): Reaper | undefined {
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    return undefined;
  }
  const stdin = child.stdin as Socket | null;
  if (!stdin) return undefined;
  const reaper: Reaper = { child, stdin, dead: false };
  const die = () => {
    reaper.dead = true;
  };
  child.on('error', die);
  child.on('exit', die);
  stdin.on('error', die);
  // Neither the watchdog nor its pipe may keep this process alive.
  child.unref();
  stdin.unref();
  if (cgroupParent !== undefined) {
    stdin.write(`c ${cgroupParent}\n`);
    told = reaper;
  }
  return reaper;
}

function reaper(): Reaper | undefined {
  if (!current || current.dead) {
    current = startReaper();
    ended = [];
  }
  return current;
}

function endedLines(): string {
  if (ended.length === 0) return '';
  const lines = ended.map((sid) => `d ${sid}\n`).join('');
  ended = [];
  return lines;
}

function flushEnded(): void {
  flushTimer = undefined;
  const lines = endedLines();
  if (lines && current && !current.dead) current.stdin.write(lines);
}

/**
 * Registers the session `sid` (a child that leads its own session) with the parent-death
 * watchdog (started on first use, one per process). Returns the function that unregisters it
 * once the tree is gone.
 */
export function watchSession(sid: number): () => void {
  const watchdog = reaper();
  if (!watchdog) return () => {};
  watchdog.stdin.write(`${endedLines()}a ${sid}\n`);
  return () => {
    if (watchdog !== current || watchdog.dead) return;
    ended.push(sid);
    if (flushTimer === undefined) flushTimer = setTimeout(flushEnded, 1_000).unref();
  };
}

/**
 * Tells the watchdog this process's parent cgroup (once): if this process dies, every cgroup
 * under it is killed with `cgroup.kill` and removed.
 */
export function watchCgroupParent(dir: string): void {
  cgroupParent = dir;
  const watchdog = reaper();
  if (!watchdog || told === watchdog) return;
  told = watchdog;
  watchdog.stdin.write(`c ${dir}\n`);
}
