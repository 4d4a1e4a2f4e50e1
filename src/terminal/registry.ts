import { ExecutionError } from '../core/errors.js';
import { terminalDefaults } from './limits.js';
import type { Terminal, TerminalInfo } from './terminal.js';

// Created on first use so importing the subpath has no side effect.
let terminals: Map<string, Terminal> | undefined;
let counter = 0;

function table(): Map<string, Terminal> {
  terminals ??= new Map();
  return terminals;
}

/** @internal Reserves `id` (or a generated one) for a terminal about to open. */
export function reserveTerminalId(id: string | undefined): string {
  const registered = table();
  if (registered.size >= terminalDefaults.maxTerminals) {
    throw new ExecutionError(
      'LIMIT_EXCEEDED',
      `at most ${terminalDefaults.maxTerminals} terminals may be open at once`,
      {
        details: { limit: terminalDefaults.maxTerminals },
      },
    );
  }
  let chosen = id;
  while (chosen === undefined || (id === undefined && registered.has(chosen)))
    chosen = `terminal-${++counter}`;
  if (registered.has(chosen)) {
    throw new ExecutionError(
      'TERMINAL_EXISTS',
      `a terminal with id ${JSON.stringify(chosen)} is already open`,
      {
        details: { terminal_id: chosen },
      },
    );
  }
  return chosen;
}

/** @internal */
export function registerTerminal(terminal: Terminal): void {
  table().set(terminal.id, terminal);
}

/** @internal */
export function unregisterTerminal(terminal: Terminal): void {
  if (terminals?.get(terminal.id) === terminal) terminals.delete(terminal.id);
}

/**
 * The open terminal with this id, or `undefined`.
 *
 * @example
 * getTerminal('ops-console')?.write('status\r');
 */
export function getTerminal(id: string): Terminal | undefined {
  return terminals?.get(id);
}

/**
 * Every open terminal's info, sorted by id.
 *
 * @example
 * for (const info of listTerminals()) console.log(info.terminal_id, info.pid, info.viewers);
 */
export function listTerminals(): TerminalInfo[] {
  return [...(terminals?.values() ?? [])]
    .map((t) => t.info())
    .sort((a, b) => a.terminal_id.localeCompare(b.terminal_id));
}

/**
 * Closes the terminal with this id (graceful ladder); resolves false when no such terminal is open.
 *
 * @example
 * await stopTerminal('ops-console');
 */
export async function stopTerminal(id: string): Promise<boolean> {
  const terminal = terminals?.get(id);
  if (!terminal) return false;
  await terminal.close();
  return true;
}
