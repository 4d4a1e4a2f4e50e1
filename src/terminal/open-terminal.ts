import { parseOptions } from '../core/index.js';
import { spawn } from '../process/index.js';
import { type TerminalOptions, TerminalOptionsSchema } from './options.js';
import { registerTerminal, reserveTerminalId } from './registry.js';
import { Terminal } from './terminal.js';

const DEFAULT_COLS = 80;
const DEFAULT_ROWS = 24;

/**
 * Opens an operator terminal: runs `command` (argv, never a shell) on a PTY and registers it
 * under its id for `getTerminal` / `listTerminals` / `stopTerminal`. node-pty is loaded on first
 * use; without it the terminal's outcome fails with `PEER_DEPENDENCY_MISSING` naming
 * `npm install node-pty`. Invalid options throw `INVALID_OPTIONS` before anything starts.
 *
 * @example
 * await using terminal = openTerminal('htop', [], { id: 'ops', cols: 120, rows: 40 });
 * const viewer = terminal.attach();
 * for await (const text of viewer) socket.send(text);
 */
export function openTerminal(
  command: string,
  args: readonly string[] = [],
  options: TerminalOptions = {},
): Terminal {
  const opts = parseOptions(TerminalOptionsSchema, options, 'openTerminal()');
  const id = reserveTerminalId(opts.id);
  const cols = opts.cols ?? DEFAULT_COLS;
  const rows = opts.rows ?? DEFAULT_ROWS;
  const session = spawn(command, [...args], {
    pty: { cols, rows, ...(opts.termName ? { name: opts.termName } : {}) },
    framing: 'raw',
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.clearEnv ? { clearEnv: true } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const terminal = new Terminal({
    id,
    command,
    args: [...args],
    session,
    cols,
    rows,
    scrollbackBytes: opts.scrollbackBytes,
    viewerBufferBytes: opts.viewerBufferBytes,
    maxViewers: opts.maxViewers,
  });
  registerTerminal(terminal);
  return terminal;
}
