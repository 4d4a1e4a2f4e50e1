import { ExecutionError } from '../core/errors.js';
import { terminalDefaults } from './limits.js';
import type { Terminal, TerminalInfo } from './terminal.js';

// Created on first use so importing the subpath has no side effect.
let registered: Map<string, Terminal> | undefined;
let counter = 0;

function table(): Map<string, Terminal> {
  registered ??= new Map();
  return registered;
}

/** @internal Reserves `id` (or a generated one) for a terminal about to open. */
export function reserveTerminalId(id: string | undefined): string {
  const open = table();
  if (open.size >= terminalDefaults.maxTerminals) {
    throw new ExecutionError(
      'LIMIT_EXCEEDED',
      `at most ${terminalDefaults.maxTerminals} terminals may be open at once`,
      {
        details: { limit: terminalDefaults.maxTerminals },
      },
    );
  }
  let chosen = id;
  while (chosen === undefined || (id === undefined && open.has(chosen))) chosen = `terminal-${++counter}`;
  if (open.has(chosen)) {
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
  if (registered?.get(terminal.id) === terminal) registered.delete(terminal.id);
}

function only(): Terminal | undefined {
  return registered?.size === 1 ? [...registered.values()][0] : undefined;
}

/**
 * The registry of open terminals, as the reference's operator terminal has it: `openTerminal()`
 * starts and registers one; `get`, `info` (by id, or the only one), `list` (sorted by id), `stop`
 * and `port`. Ids are unique; a terminal leaves the registry when it closes or its program or
 * app quits.
 *
 * @example
 * for (const info of terminals.list()) console.log(info.terminal_id, info.status, info.viewers);
 * await terminals.stop('ops');
 */
export const terminals = /* @__PURE__ */ Object.freeze({
  /** The open terminal with this id, or `undefined`. */
  get(id: string): Terminal | undefined {
    return registered?.get(id);
  },
  /** The info of the terminal with this id — without an id, of the only open terminal — or `undefined`. */
  info(id?: string): TerminalInfo | undefined {
    return (id === undefined ? only() : registered?.get(id))?.info();
  },
  /** Every open terminal's info, sorted by id. */
  list(): TerminalInfo[] {
    return [...(registered?.values() ?? [])]
      .map((t) => t.info())
      .sort((a, b) => (a.terminal_id < b.terminal_id ? -1 : a.terminal_id > b.terminal_id ? 1 : 0));
  },
  /** Closes the terminal with this id; resolves false when no such terminal is open. */
  async stop(id: string): Promise<boolean> {
    const terminal = registered?.get(id);
    if (!terminal) return false;
    await terminal.close();
    return true;
  },
  /**
   * The bound port of the terminal's SSH transport (else its WebSocket transport); `undefined`
   * when it has none or no such terminal is open. Without an id, of the only open terminal.
   */
  port(id?: string): number | undefined {
    return (id === undefined ? only() : registered?.get(id))?.port();
  },
});
