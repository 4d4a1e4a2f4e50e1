import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  readonly zombie: boolean;
  /** Start time in clock ticks since boot: with the pid, it names one process even after pid reuse. */
  readonly start: string;
}

/** Processes a tree has shown, by pid, with their start time (see {@link signalTree}). */
export type SeenProcesses = Map<number, string>;

/** Most processes one tree remembers between its signals; more are still signalled, not kept. */
const MAX_SEEN = 4_096;

// /proc/<pid>/stat: "pid (comm) state ppid pgrp session …"; comm may hold spaces and parentheses.
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const zombie = fields[0] === 'Z' || fields[0] === 'X';
    const [ppid, pgid, sid] = [Number(fields[1]), Number(fields[2]), Number(fields[3])];
    return { pid, ppid, pgid, sid, zombie, start: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    const stat = readStat(pid);
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * The processes of the tree rooted at `leader`, which leads its own session (every child is
 * started with `setsid`): everything still in that session — `setpgid` escapes, job control and
 * double forks included, even once reparented — plus, by parent chain, descendants that called
 * `setsid` while their parent is still alive. A `setsid` escape whose parent has exited is out of
 * reach (cgroup containment catches it).
 */
export function treeMembers(leader: number): ProcStat[] {
  const all = allProcesses();
  const inTree = new Set<number>();
  for (const p of all) if (p.sid === leader || p.pgid === leader || p.pid === leader) inTree.add(p.pid);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  // A zombie is already dead (it only waits for a parent that may never reap it).
  return all.filter((p) => inTree.has(p.pid) && !p.zombie);
}

function send(target: number, signal: string): void {
  try {
    process.kill(target, signal as NodeJS.Signals);
  } catch {}
}

/**
 * Sends `signal` to every process of the tree (see {@link treeMembers}) and to each of their
 * groups; with SIGKILL it walks again until a walk finds nobody (at most 8 rounds), so a tree that
 * forks while it is being killed is still caught. Every member is remembered in `seen`, and a
 * SIGKILL also goes to remembered processes that still run (same pid and start time): a `setsid`
 * escape that ignored the first signal while its parent died of it has no parent chain left at
 * the SIGKILL walk, but it was seen at the first. Returns how many processes were signalled.
 */
export function signalTree(leader: number, signal: string, seen: SeenProcesses = new Map()): number {
  let total = 0;
  const rounds = signal === 'SIGKILL' ? 8 : 1;
  if (signal === 'SIGKILL') total += killSeen(seen);
  for (let round = 0; round < rounds; round++) {
    const members = treeMembers(leader);
    if (members.length === 0) break;
    const groups = new Set<number>();
    for (const p of members) {
      send(p.pid, signal);
      groups.add(p.pgid);
      if (seen.size < MAX_SEEN) seen.set(p.pid, p.start);
    }
    // A group id is only signalled while one of our processes is in it, so it cannot be stale.
    for (const pgid of groups) if (pgid > 1) send(-pgid, signal);
    total += members.length;
  }
  return total;
}

// The start time is checked right before the kill, so a reused pid is never hit.
function killSeen(seen: SeenProcesses): number {
  let killed = 0;
  for (const [pid, start] of seen) {
    const now = readStat(pid);
    if (now && !now.zombie && now.start === start) {
      send(pid, 'SIGKILL');
      killed++;
    }
  }
  seen.clear();
  return killed;
}
