import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import type { ParseArgsOptionsConfig } from 'node:util';
import { openTerminal, type SshTransportOptions, type TerminalOptions } from '../terminal/index.js';
import { connect } from '../websocket/index.js';
import { commonFlags, intFlag, parseFlags, splitAtProgram, UsageError } from './args.js';
import { EXIT, exitCodeOf, processExitCode } from './exit-codes.js';
import { HELP } from './help.js';
import { logJson } from './log.js';
import { createOutput } from './output.js';
import { onStopSignals } from './stop-signals.js';

const tokenFlags = {
  'token-file': { type: 'string' },
  'token-env': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export const terminalServeFlags = {
  ...commonFlags,
  ...tokenFlags,
  port: { type: 'string' },
  host: { type: 'string' },
  writable: { type: 'boolean' },
  id: { type: 'string' },
  'ssh-port': { type: 'string' },
  'authorized-keys': { type: 'string' },
  'host-key': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export const terminalAttachFlags = {
  ...commonFlags,
  ...tokenFlags,
  control: { type: 'boolean' },
  'no-replay': { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

/** Ctrl-] (as telnet and the local transport): leaves an attached terminal. */
const DETACH_KEY = '\u001d';
const CTRL_C = '\u0003';
// The web transport refuses shorter tokens (docs/terminal.md).
const MIN_TOKEN_CHARS = 16;

/** `execution-plane terminal <serve|attach> …`. */
export async function terminalCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'serve':
      return terminalServe(rest);
    case 'attach':
      return terminalAttach(rest);
    case undefined:
      throw new UsageError('terminal', 'missing the subcommand: serve or attach');
    default:
      throw new UsageError('terminal', `unknown subcommand ${sub}: expected serve or attach`);
  }
}

/** The token from `--token-file` or `--token-env` (exactly one); problems name the source, never the value. */
async function readToken(
  command: string,
  values: { 'token-file'?: string | undefined; 'token-env'?: string | undefined },
): Promise<string> {
  const file = values['token-file'];
  const env = values['token-env'];
  if (file !== undefined && env !== undefined) {
    throw new UsageError(command, 'give one of --token-file and --token-env, not both');
  }
  let token: string;
  if (file !== undefined) {
    try {
      token = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      throw new UsageError(
        command,
        `cannot read token file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (token === '') throw new UsageError(command, `token file ${file} is empty`);
  } else if (env !== undefined) {
    token = process.env[env] ?? '';
    if (token === '') throw new UsageError(command, `environment variable ${env} is not set`);
  } else {
    throw new UsageError(command, 'missing the token: --token-file <file> or --token-env <NAME>');
  }
  if (token.length < MIN_TOKEN_CHARS) {
    throw new UsageError(command, `the token must be at least ${MIN_TOKEN_CHARS} characters`);
  }
  return token;
}

function portFlag(command: string, name: string, value: string | undefined): number | undefined {
  const port = intFlag(command, name, value);
  if (port !== undefined && port > 65_535) throw new UsageError(command, `--${name} must be 0–65535`);
  return port;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function terminalServe(argv: readonly string[]): Promise<number> {
  const command = 'terminal serve';
  const [ours, program] = splitAtProgram(argv, terminalServeFlags);
  const { values } = parseFlags(command, ours, terminalServeFlags);
  if (values.help) {
    process.stdout.write(HELP[command]!);
    return EXIT.ok;
  }
  const [file, ...args] = program;
  if (!file) throw new UsageError(command, 'missing the command to serve');
  const port = portFlag(command, 'port', values.port) ?? 0;
  const host = values.host ?? '127.0.0.1';
  const sshPort = portFlag(command, 'ssh-port', values['ssh-port']);
  const sshWanted =
    sshPort !== undefined || values['authorized-keys'] !== undefined || values['host-key'] !== undefined;
  if (sshWanted && (values['authorized-keys'] === undefined || values['host-key'] === undefined)) {
    throw new UsageError(command, 'SSH needs both --authorized-keys <file> and --host-key <file>');
  }
  const token = await readToken(command, values);
  const out = createOutput(values.json === true);
  const ssh: SshTransportOptions | undefined = sshWanted
    ? {
        port: sshPort ?? 0,
        host,
        hostKeyPath: values['host-key']!,
        generateHostKey: true,
        authorizedKeysPath: values['authorized-keys']!,
      }
    : undefined;
  const options: TerminalOptions = {
    ...(values.id ? { id: values.id } : {}),
    ...(process.stdout.columns && process.stdout.rows
      ? { cols: process.stdout.columns, rows: process.stdout.rows }
      : {}),
    web: { token, writable: values.writable === true, port, host },
    ...(ssh ? { ssh } : {}),
    secrets: [token],
  };
  const terminal = openTerminal(file, args, options);
  const offSignals = onStopSignals(() => void terminal.close());
  try {
    try {
      await terminal.ready();
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause;
      logJson('error', 'not started', {
        error: (error as Error).message,
        ...(cause?.message ? { cause: cause.message } : {}),
      });
      await terminal.close();
      return EXIT.failed;
    }
    const webPort = terminal.port('distributed_terminal');
    const browser = `http://${urlHost(host)}:${webPort}/`;
    const attach = `ws://${urlHost(host)}:${webPort}/attach`;
    const sshCommand = ssh ? `ssh -p ${terminal.port('ssh_terminal')} operator@${host}` : undefined;
    const info = terminal.info();
    logJson('info', 'listening', {
      terminal_id: info.terminal_id,
      pid: info.pid,
      url: browser,
      attach_url: attach,
      writable: values.writable === true,
      ...(sshCommand ? { ssh_port: terminal.port('ssh_terminal'), ssh: sshCommand } : {}),
    });
    if (!out.json) {
      const mode = values.writable ? '&mode=control' : '';
      process.stdout.write(
        [
          `terminal ${info.terminal_id}: ${file}${args.length ? ` ${args.join(' ')}` : ''}`,
          `  browser: ${browser}#token=<token>${mode}`,
          `  attach:  execution-plane terminal attach${values.writable ? ' --control' : ''} --token-file <file> ${attach}`,
          ...(sshCommand ? [`  ssh:     ${sshCommand}`] : []),
          '',
        ].join('\n'),
      );
    }
    const outcome = await terminal.result;
    const output = outcome.output;
    logJson('info', 'exited', {
      status: outcome.status,
      ...(output ? { exit_code: output.exit_code, signal: output.signal } : {}),
    });
    if (output && (outcome.status === 'succeeded' || outcome.status === 'failed')) {
      return processExitCode(output.exit_code, output.signal, constants.signals as Record<string, number>);
    }
    return exitCodeOf(outcome.status);
  } finally {
    offSignals();
  }
}

/** `http(s)://host:port/` (what `serve` prints for browsers) is accepted as its `ws(s)://…/attach`. */
function attachUrl(command: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(command, `not a URL: ${raw}`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new UsageError(command, `expected a ws:// or wss:// URL, got ${url.protocol}`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/attach';
  url.hash = '';
  return url.toString();
}

interface ServerFrame {
  readonly type: string;
  readonly data?: string;
  readonly terminal_id?: string;
  readonly mode?: string;
  readonly code?: string;
  readonly message?: string;
  readonly status?: string;
  readonly bytes?: number;
}

async function terminalAttach(argv: readonly string[]): Promise<number> {
  const command = 'terminal attach';
  const { values, positionals } = parseFlags(command, argv, terminalAttachFlags);
  if (values.help) {
    process.stdout.write(HELP[command]!);
    return EXIT.ok;
  }
  const [raw, ...extra] = positionals;
  if (!raw) throw new UsageError(command, 'missing the URL (ws://host:port/attach)');
  if (extra.length > 0) throw new UsageError(command, `unexpected argument ${extra[0]}`);
  const url = attachUrl(command, raw);
  const token = await readToken(command, values);
  const out = createOutput(values.json === true);
  const control = values.control === true;
  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  const session = connect(url, { secrets: [token] });
  let detached = false;
  let refused: string | undefined;
  let ended: string | undefined;
  const send = (frame: unknown) => session.send(JSON.stringify(frame)).catch(() => {});
  const detach = () => {
    if (detached) return;
    detached = true;
    void send({ type: 'detach' });
    setTimeout(() => session.close(1000, 'detached'), 1_000).unref();
  };
  const restore = () => {
    if (tty && stdin.isRaw) stdin.setRawMode(false);
  };
  process.on('exit', restore);
  const onInput = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    const at = text.indexOf(DETACH_KEY);
    const typed = at < 0 ? text : text.slice(0, at);
    if (control && typed !== '') void send({ type: 'input', data: typed });
    // A viewer cannot type: Ctrl-C leaves too.
    if (at >= 0 || (!control && tty && typed.includes(CTRL_C))) detach();
  };
  const onResize = () => {
    if (control && process.stdout.columns && process.stdout.rows) {
      void send({ type: 'resize', cols: process.stdout.columns, rows: process.stdout.rows });
    }
  };
  const onSignal = () => detach();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await send({ type: 'attach', token, mode: control ? 'control' : 'view', replay: !values['no-replay'] });
    for await (const event of session) {
      if (event.event_type === 'websocket.close') {
        if (out.json) out.line({ event_type: 'cli.terminal_closed', code: event.payload.code });
        continue;
      }
      if (event.event_type !== 'websocket.message' || event.payload.kind !== 'text') continue;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.payload.text) as ServerFrame;
      } catch {
        continue;
      }
      if (out.json) out.line(frame);
      switch (frame.type) {
        case 'attached':
          if (tty) stdin.setRawMode(true);
          stdin.on('data', onInput);
          stdin.resume();
          process.stdout.on('resize', onResize);
          onResize();
          out.note(
            `attached to ${frame.terminal_id} (${frame.mode}) — Ctrl-] detaches${control ? '' : ', Ctrl-C too'}`,
          );
          break;
        case 'output':
          if (!out.json) process.stdout.write(frame.data ?? '');
          break;
        case 'dropped':
          out.note(`[${frame.bytes} bytes of output dropped: this terminal is slower than the program]`);
          break;
        case 'error':
          refused = `${frame.code}: ${frame.message}`;
          if (!out.json) out.error(`\r\n${refused}`);
          break;
        case 'exit':
          ended = frame.status;
          break;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.stdout.off('resize', onResize);
    stdin.off('data', onInput);
    restore();
    process.off('exit', restore);
    stdin.pause();
    stdin.destroy();
  }
  const outcome = await session.result;
  if (!out.json) {
    if (detached) out.note('\r\ndetached');
    else if (ended) out.note(`\r\nthe program ended (${ended})`);
  }
  if (detached || ended) return EXIT.ok;
  if (outcome.status !== 'succeeded') {
    if (!out.json && !refused) out.error(outcome.failure?.reason ?? outcome.status);
    return EXIT.failed;
  }
  return refused ? EXIT.failed : EXIT.ok;
}
