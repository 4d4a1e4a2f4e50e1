import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';

// The watchdog is a fixed POSIX sh script (no caller input is ever interpolated): it reads
// `a <pgid>` / `d <pgid>` lines from a pipe whose only writer is this process. When that pipe
// hits EOF — this process exited, crashed or was SIGKILLed — it sends SIGTERM, then SIGKILL a
// second later, to every process group still registered. It ignores terminal signals and runs
// in its own session so it outlives whatever killed its parent.
const SCRIPT = `trap '' INT TERM HUP QUIT PIPE
live=' '
while read -r op pg; do
  case $op in
    a) live="$live$pg " ;;
    d) case $live in *" $pg "*) live="\${live%%" $pg "*} \${live#*" $pg "}" ;; esac ;;
  esac
done
[ "$live" = ' ' ] && exit 0
for pg in $live; do kill -TERM "-$pg" 2>/dev/null; done
sleep 1
for pg in $live; do kill -KILL "-$pg" 2>/dev/null; done`;

interface Reaper {
  readonly child: ChildProcess;
  readonly stdin: Socket;
  dead: boolean;
}

let current: Reaper | undefined;
// Groups that ended, not yet told to the watchdog: sent with the next registration (one pipe
// write per spawn) or within a second. A group id cannot be reused that fast.
let ended: number[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

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
  return reaper;
}

function endedLines(): string {
  if (ended.length === 0) return '';
  const lines = ended.map((pgid) => `d ${pgid}\n`).join('');
  ended = [];
  return lines;
}

function flushEnded(): void {
  flushTimer = undefined;
  const lines = endedLines();
  if (lines && current && !current.dead) current.stdin.write(lines);
}

/**
 * Registers the process group `pgid` with the parent-death watchdog (started on first use, one
 * per process). Returns the function that unregisters it once the group is gone.
 */
export function watchGroup(pgid: number): () => void {
  if (!current || current.dead) {
    current = startReaper();
    ended = [];
  }
  const reaper = current;
  if (!reaper) return () => {};
  reaper.stdin.write(`${endedLines()}a ${pgid}\n`);
  return () => {
    if (reaper !== current || reaper.dead) return;
    ended.push(pgid);
    if (flushTimer === undefined) flushTimer = setTimeout(flushEnded, 1_000).unref();
  };
}
