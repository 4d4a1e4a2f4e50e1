import { invalidOptions } from '../core/errors.js';
import { splitExecutionOptions } from '../core/execution-options.js';
import { parseOptions } from '../core/parse-options.js';
import { createRedactor, type Redactor, redactArgv } from '../internal/redact.js';
import {
  credentialFlagValues,
  credentialValues,
  redactError,
  redactPlanError,
} from '../internal/redact-lane.js';
import { spawn } from '../process/entry.js';
import type { TerminalApp } from './app.js';
import { appBackend } from './app-backend.js';
import type { TerminalBackend } from './backend.js';
import { type ParsedTerminalOptions, type TerminalOptions, TerminalOptionsSchema } from './options.js';
import { programBackend } from './program-backend.js';
import { AsciicastRecorder } from './recorder.js';
import { registerTerminal, reserveTerminalId } from './registry.js';
import { Terminal } from './terminal.js';

const ENTRY = 'openTerminal()';

/**
 * Opens an operator terminal and registers it under its id (see `terminals`). It hosts either a
 * program (argv, never a shell) on a PTY — node-pty is loaded on first use; without it `ready()`
 * rejects with `SESSION_ENDED` whose cause is `PEER_DEPENDENCY_MISSING` — or an in-process
 * {@link TerminalApp}. The options' `ssh`, `web` and `local` start its transports. When the
 * program or app quits the terminal is torn down; nothing restarts it. Invalid options throw
 * `INVALID_OPTIONS` before anything starts.
 *
 * @example
 * await using terminal = openTerminal('bash', [], { id: 'ops', cols: 120, rows: 40 });
 * const viewer = terminal.attach();
 * for await (const text of viewer) process.stdout.write(text);
 */
export function openTerminal(command: string, options?: TerminalOptions): Terminal;
export function openTerminal(command: string, args?: readonly string[], options?: TerminalOptions): Terminal;
export function openTerminal(app: TerminalApp, options?: TerminalOptions): Terminal;
export function openTerminal(
  target: string | TerminalApp,
  args?: readonly string[] | TerminalOptions,
  options?: TerminalOptions,
): Terminal {
  let argv: unknown = args;
  let given: unknown = options;
  if (typeof target === 'function' || (given === undefined && argv !== undefined && !Array.isArray(argv))) {
    given = argv;
    argv = undefined;
  }
  if (typeof target !== 'function' && (typeof target !== 'string' || target === '')) {
    throw invalidOptions(
      'command',
      'a non-empty string or an app function',
      JSON.stringify(target) ?? typeof target,
      ENTRY,
    );
  }
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    throw invalidOptions('options', 'an object', Array.isArray(given) ? 'an array' : typeof given, ENTRY);
  }
  const { rest, execution } = splitExecutionOptions(given ?? {});
  let opts: ParsedTerminalOptions;
  try {
    opts = parseOptions(TerminalOptionsSchema, rest, ENTRY);
  } catch (error) {
    throw redactPlanError(error, rest);
  }
  checkCombinations(opts, typeof target === 'function');
  const id = reserveTerminalId(opts.id);
  const argList = (argv ?? []) as readonly string[];
  const redactor = terminalRedactor(opts, argList);
  const backend: TerminalBackend =
    typeof target === 'function'
      ? appBackend(target, opts.cols, opts.rows, execution)
      : programBackend(
          spawnProgram(redactor, target, argList, {
            ...execution,
            pty: { cols: opts.cols, rows: opts.rows, name: opts.termName },
            framing: 'raw',
            ...(opts.cwd === undefined ? {} : { cwd: opts.cwd as string }),
            ...(opts.env === undefined ? {} : { env: opts.env as Record<string, string> }),
            ...(opts.clearEnv === undefined ? {} : { clearEnv: opts.clearEnv as boolean }),
          }),
          redactor,
        );
  const terminal = new Terminal({
    id,
    command: typeof target === 'function' ? null : redactor.scrub(target),
    args: redactArgv(redactor, argList),
    backend,
    cols: opts.cols,
    rows: opts.rows,
    scrollbackBytes: opts.scrollbackBytes,
    viewerBufferBytes: opts.viewerBufferBytes,
    maxViewers: opts.maxViewers,
    maxControllers: opts.maxControllers,
    inputBytesPerSecond: opts.inputBytesPerSecond,
    requireGrant: opts.requireGrant,
    recorder:
      opts.recordPath === undefined
        ? undefined
        : new AsciicastRecorder(
            opts.recordPath,
            opts.maxRecordingBytes,
            opts.cols,
            opts.rows,
            opts.termName,
            redactor.scrub,
          ),
  });
  registerTerminal(terminal);
  startTransports(terminal, opts);
  return terminal;
}

// The listed secrets, plus the values under credential-looking env names and flags.
function terminalRedactor(opts: ParsedTerminalOptions, args: readonly string[]): Redactor {
  const env = typeof opts.env === 'object' && opts.env !== null ? (opts.env as Record<string, string>) : {};
  return createRedactor({
    secrets: [...(opts.secrets ?? []), ...credentialValues(env), ...credentialFlagValues(args)],
  });
}

// The program's own refusal (a bad `env` or `cwd`) never quotes a listed secret either.
function spawnProgram(redactor: Redactor, ...args: Parameters<typeof spawn>): ReturnType<typeof spawn> {
  try {
    return spawn(...args);
  } catch (error) {
    throw redactor.hasSecrets ? redactError(error, redactor) : error;
  }
}

function checkCombinations(opts: ParsedTerminalOptions, app: boolean): void {
  if (app) {
    for (const key of ['cwd', 'env', 'clearEnv'] as const) {
      if (opts[key] !== undefined)
        throw invalidOptions(key, 'absent for an in-process app', 'a value', ENTRY);
    }
  }
  const ssh = opts.ssh;
  if (ssh && ssh.authorizedKeysPath === undefined && ssh.passwords === undefined) {
    throw invalidOptions('ssh.authorizedKeysPath', 'a file (or ssh.passwords)', 'neither', ENTRY);
  }
  const web = opts.web;
  if (web && (web.tlsCertPath === undefined) !== (web.tlsKeyPath === undefined)) {
    throw invalidOptions(
      web.tlsCertPath === undefined ? 'web.tlsCertPath' : 'web.tlsKeyPath',
      'given together with its pair',
      'only one of the pair',
      ENTRY,
    );
  }
}

// Transports load their peers (ssh2, ws) only here, so importing the subpath loads neither.
function startTransports(terminal: Terminal, opts: ParsedTerminalOptions): void {
  const ref = opts.surfaceRef ?? terminal.id;
  const { ssh, web, local } = opts;
  if (ssh)
    terminal.addTransport(import('./ssh-transport.js').then((m) => m.startSshTransport(terminal, ssh, ref)));
  if (web)
    terminal.addTransport(import('./web-transport.js').then((m) => m.startWebTransport(terminal, web, ref)));
  if (local) {
    const detachKey = local === true ? undefined : local.detachKey;
    terminal.addTransport(
      import('./local-transport.js').then((m) => m.startLocalTransport(terminal, ref, detachKey)),
    );
  }
}
