import { invalidOptions } from '../core/errors.js';
import { splitExecutionOptions } from '../core/execution-options.js';
import { parseOptions } from '../core/parse-options.js';
import { spawn } from '../process/entry.js';
import { type TerminalOptions, TerminalOptionsSchema } from './options.js';
import { registerTerminal, reserveTerminalId } from './registry.js';
import { Terminal } from './terminal.js';

/**
 * Opens an operator terminal: runs `command` (argv, never a shell) on a PTY and registers it
 * under its id for `getTerminal` / `listTerminals` / `stopTerminal`. node-pty is loaded on first
 * use; without it `ready()` and every call reject with `SESSION_ENDED` whose cause is
 * `PEER_DEPENDENCY_MISSING` (naming `npm install node-pty`). Invalid options throw
 * `INVALID_OPTIONS` before anything starts.
 *
 * @example
 * await using terminal = openTerminal('bash', [], { id: 'ops', cols: 120, rows: 40 });
 * const viewer = terminal.attach();
 * for await (const text of viewer) process.stdout.write(text);
 */
export function openTerminal(command: string, options?: TerminalOptions): Terminal;
export function openTerminal(command: string, args?: readonly string[], options?: TerminalOptions): Terminal;
export function openTerminal(
  command: string,
  args?: readonly string[] | TerminalOptions,
  options?: TerminalOptions,
): Terminal {
  let argv: unknown = args;
  let given: unknown = options;
  if (given === undefined && argv !== undefined && !Array.isArray(argv)) {
    given = argv;
    argv = undefined;
  }
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    throw invalidOptions(
      'options',
      'an object',
      Array.isArray(given) ? 'an array' : typeof given,
      'openTerminal()',
    );
  }
  const { rest, execution } = splitExecutionOptions(given ?? {});
  const opts = parseOptions(TerminalOptionsSchema, rest, 'openTerminal()');
  const id = reserveTerminalId(opts.id);
  const argList = (argv ?? []) as readonly string[];
  const session = spawn(command, argList, {
    ...execution,
    pty: { cols: opts.cols, rows: opts.rows, name: opts.termName },
    framing: 'raw',
    ...(opts.cwd === undefined ? {} : { cwd: opts.cwd as string }),
    ...(opts.env === undefined ? {} : { env: opts.env as Record<string, string> }),
    ...(opts.clearEnv === undefined ? {} : { clearEnv: opts.clearEnv as boolean }),
  });
  const terminal = new Terminal({
    id,
    command,
    args: [...argList],
    session,
    cols: opts.cols,
    rows: opts.rows,
    scrollbackBytes: opts.scrollbackBytes,
    viewerBufferBytes: opts.viewerBufferBytes,
    maxViewers: opts.maxViewers,
  });
  registerTerminal(terminal);
  return terminal;
}
