import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  readonly zombie: boolean;
}

// /proc/<pid>/stat: "pid (comm) state ppid pgrp session …"; comm may hold spaces and parentheses.
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const zombie = fields[0] === 'Z' || fields[0] === 'X';
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), sid: Number(fields[3]), zombie };
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
 * forks while it is being killed is still caught. Returns how many processes were signalled.
 */
export function signalTree(leader: number, signal: string): number {
  let total = 0;
  const rounds = signal === 'SIGKILL' ? 8 : 1;
  for (let round = 0; round < rounds; round++) {
    const members = treeMembers(leader);
    if (members.length === 0) break;
    const groups = new Set<number>();
    for (const p of members) {
      send(p.pid, signal);
      groups.add(p.pgid);
    }
    // A group id is only signalled while one of our processes is in it, so it cannot be stale.
    for (const pgid of groups) if (pgid > 1) send(-pgid, signal);
    total += members.length;
  }
  return total;
}
