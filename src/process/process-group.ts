/**
 * Sends `signal` to the process group led by `pid` (every child leads its own group). Only the
 * group is signalled, never a bare pid: once the group is gone its id may be reused. Returns
 * false when no such group exists any more.
 */
export function signalGroup(pid: number, signal: string): boolean {
  try {
    process.kill(-pid, signal as NodeJS.Signals);
    return true;
  } catch {
    return false;
  }
}
