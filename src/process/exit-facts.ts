import { constants } from 'node:os';

/** How a process ended: an exit code, or the name of the signal that killed it. */
export interface ExitFacts {
  /** Exit code, `null` when a signal ended the process or the exit is unknown. */
  readonly exit_code: number | null;
  /** Signal name (`SIGKILL` …), `null` when the process exited on its own. */
  readonly signal: string | null;
}

let names: Map<number, string> | undefined;

/** `SIGKILL` for 9; `SIG<n>` for a number this platform has no name for. */
export function signalName(signo: number): string {
  names ??= new Map(Object.entries(constants.signals).map(([name, n]) => [n, name]));
  return names.get(signo) ?? `SIG${signo}`;
}

/** True when `name` is a signal this platform knows (`SIGTERM`, `SIGINT` …). */
export function isSignalName(name: string): boolean {
  return Object.hasOwn(constants.signals, name);
}

/**
 * Normalises an exit from Node (`code`, `signal` name), node-pty (`exitCode`, signal number) or a
 * guest bridge (either) into {@link ExitFacts}. A signal wins over a code: a signal death is
 * reported as the signal, never as a fake exit code (the reference reported `code: 9`).
 */
export function exitFacts(
  code: number | null | undefined,
  signal: string | number | null | undefined,
): ExitFacts {
  if (typeof signal === 'number' && signal > 0) return { exit_code: null, signal: signalName(signal) };
  if (typeof signal === 'string' && signal.length > 0) return { exit_code: null, signal };
  return { exit_code: typeof code === 'number' ? code : null, signal: null };
}

/** True only for exit code 0 without a signal. */
export function exitedCleanly(facts: ExitFacts): boolean {
  return facts.exit_code === 0 && facts.signal === null;
}
