import * as z from 'zod/mini';
import type { ExecutionOptions } from '../core/execution-options.js';
import { byteSize, count, durationMs } from '../internal/option-schemas.js';
import { secretsOption } from '../internal/redact-lane.js';
import { terminalDefaults } from './limits.js';
import type { ViewerMode } from './viewer.js';

/**
 * The `ssh_terminal` transport: an SSH server (the optional peer `ssh2`) that attaches each
 * session's shell to the terminal. Clients authenticate with a public key from
 * `authorizedKeysPath` or a password from `passwords`; anything else is refused.
 *
 * @example
 * const ssh: SshTransportOptions = { hostKeyPath: './host_key', generateHostKey: true, authorizedKeysPath: '~/.ssh/authorized_keys' };
 */
export interface SshTransportOptions {
  /**
   * TCP port; 0 picks a free one (read it with `terminal.port()`).
   * @defaultValue 0
   */
  readonly port?: number | undefined;
  /**
   * Interface to listen on.
   * @defaultValue `'127.0.0.1'`
   */
  readonly host?: string | undefined;
  /** The server's private host key (OpenSSH or PEM format). Required. */
  readonly hostKeyPath: string;
  /**
   * Create an ed25519 host key at `hostKeyPath` (mode 0600) when the file does not exist.
   * @defaultValue false
   */
  readonly generateHostKey?: boolean | undefined;
  /**
   * An OpenSSH `authorized_keys` file; a key listed there may attach as any user.
   * @defaultValue none (no public-key auth)
   */
  readonly authorizedKeysPath?: string | undefined;
  /**
   * Passwords by user name (compared in constant time).
   * @defaultValue none (no password auth)
   */
  readonly passwords?: Readonly<Record<string, string>> | undefined;
  /**
   * How SSH sessions attach: `control` (type and resize) or `view`.
   * @defaultValue `'control'`
   */
  readonly mode?: ViewerMode | undefined;
  /**
   * Milliseconds a connection may stay unauthenticated before it is closed.
   * @defaultValue 5000 ({@link terminalDefaults}.authTimeoutMs)
   */
  readonly authTimeoutMs?: number | undefined;
}

/**
 * The WebSocket transport (`distributed_terminal`): the attach protocol over WebSocket (see
 * docs/terminal.md) with token auth, an origin check and optional TLS, and a browser page with
 * xterm.js served by the same server.
 *
 * @example
 * const web: WebTransportOptions = { token: process.env.TERMINAL_TOKEN ?? 'change-me', writable: true };
 */
export interface WebTransportOptions {
  /**
   * TCP port; 0 picks a free one (read it with `terminal.port()`).
   * @defaultValue 0
   */
  readonly port?: number | undefined;
  /**
   * Interface to listen on.
   * @defaultValue `'127.0.0.1'`
   */
  readonly host?: string | undefined;
  /** The secret a client sends in its `attach` frame. Required, at least 16 characters. */
  readonly token: string;
  /**
   * Let clients attach as `control` (type and resize); otherwise every client only views, as ttyd
   * does by default.
   * @defaultValue false
   */
  readonly writable?: boolean | undefined;
  /**
   * Origins (`https://ops.example`) a browser may connect from, besides the server's own.
   * Connections without an `Origin` header (non-browser clients) are allowed.
   * @defaultValue none (same origin only)
   */
  readonly allowedOrigins?: readonly string[] | undefined;
  /**
   * PEM certificate file: with `tlsKeyPath`, serves `https` / `wss`.
   * @defaultValue none (plain `http` / `ws`)
   */
  readonly tlsCertPath?: string | undefined;
  /**
   * PEM private key file of `tlsCertPath`.
   * @defaultValue none
   */
  readonly tlsKeyPath?: string | undefined;
  /**
   * Serve the browser page at `/` (needs the optional peers `@xterm/xterm`, `@xterm/addon-fit`).
   * @defaultValue true
   */
  readonly page?: boolean | undefined;
  /**
   * Largest frame a client may send, in bytes; a larger one closes that connection (1009).
   * @defaultValue 65536 ({@link terminalDefaults}.maxFrameBytes)
   */
  readonly maxFrameBytes?: number | undefined;
  /**
   * Milliseconds a connection may stay without a valid `attach` frame before it is closed.
   * @defaultValue 5000 ({@link terminalDefaults}.authTimeoutMs)
   */
  readonly authTimeoutMs?: number | undefined;
}

/**
 * Options of `openTerminal()`: the terminal's own options, its transports, the program's
 * environment, and the execution options (`timeoutMs`, `signal` …) in one object. A terminal has
 * no timeout unless `timeoutMs` is given (an operator terminal is long-lived).
 *
 * @example
 * const options: TerminalOptions = { id: 'ops', cols: 120, rows: 40, scrollbackBytes: 64 * 1024 };
 */
export interface TerminalOptions extends ExecutionOptions {
  /**
   * Registry id, unique among open terminals (`TERMINAL_EXISTS` otherwise), at most 200 characters.
   * @defaultValue `terminal-<n>`
   */
  readonly id?: string | undefined;
  /**
   * Working directory of the program (`CWD_NOT_FOUND` when missing). Programs only.
   * @defaultValue this process's working directory
   */
  readonly cwd?: string | undefined;
  /**
   * Variables set on top of the inherited environment. Programs only.
   * @defaultValue none
   */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /**
   * Start from an empty environment, then apply `env`. Programs only.
   * @defaultValue false
   */
  readonly clearEnv?: boolean | undefined;
  /**
   * Initial width in columns, 1–10 000.
   * @defaultValue 80 ({@link terminalDefaults}.cols)
   */
  readonly cols?: number | undefined;
  /**
   * Initial height in rows, 1–10 000.
   * @defaultValue 24 ({@link terminalDefaults}.rows)
   */
  readonly rows?: number | undefined;
  /**
   * `TERM` of the terminal.
   * @defaultValue `'xterm-256color'`
   */
  readonly termName?: string | undefined;
  /**
   * Bytes of output replayed to viewers that attach later.
   * @defaultValue 256 KiB ({@link terminalDefaults}.scrollbackBytes)
   */
  readonly scrollbackBytes?: number | undefined;
  /**
   * Bytes buffered per slow viewer before its oldest output is dropped.
   * @defaultValue 1 MiB ({@link terminalDefaults}.viewerBufferBytes)
   */
  readonly viewerBufferBytes?: number | undefined;
  /**
   * Viewers attached at once, 1–1000 (`LIMIT_EXCEEDED` past it).
   * @defaultValue 16 ({@link terminalDefaults}.maxViewers)
   */
  readonly maxViewers?: number | undefined;
  /**
   * Controlling viewers attached at once, 1–1000 (`CONTROLLER_TAKEN` past it).
   * @defaultValue 1 ({@link terminalDefaults}.maxControllers)
   */
  readonly maxControllers?: number | undefined;
  /**
   * Input bytes per second one viewer may type (`INPUT_RATE_EXCEEDED` past it).
   * @defaultValue 65536 ({@link terminalDefaults}.inputBytesPerSecond)
   */
  readonly inputBytesPerSecond?: number | undefined;
  /**
   * Every attach (in process and over every transport) must present a valid `AttachGrant.v1`.
   * @defaultValue false
   */
  readonly requireGrant?: boolean | undefined;
  /**
   * Record output, input and resizes as asciicast v2 to this file (mode 0600).
   * @defaultValue none
   */
  readonly recordPath?: string | undefined;
  /**
   * Bytes of the recording before it stops.
   * @defaultValue 16 MiB ({@link terminalDefaults}.maxRecordingBytes)
   */
  readonly maxRecordingBytes?: number | undefined;
  /**
   * Values to scrub (`[redacted]`) from what the terminal reports and keeps — `info()`'s command
   * and args, the outcome (its `stderr_tail` holds the screen's tail), errors, and each output or
   * input chunk written to the recording — each at least 4 characters. Values of credential-named
   * `env` variables and credential flags count as listed. What viewers see is not changed, and a
   * secret typed one keystroke at a time reaches the recording in pieces that are not caught.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * Serve the terminal over SSH (`ssh_terminal`).
   * @defaultValue none
   */
  readonly ssh?: SshTransportOptions | undefined;
  /**
   * Serve the terminal over WebSocket with a browser page (`distributed_terminal`).
   * @defaultValue none
   */
  readonly web?: WebTransportOptions | undefined;
  /**
   * Attach this process's TTY (`local_terminal`): raw mode, resize on SIGWINCH, the TTY restored
   * on every exit path; `detachKey` (a single key) detaches.
   * @defaultValue none
   */
  readonly local?: boolean | { readonly detachKey?: string | undefined } | undefined;
  /**
   * The `surface_ref` reported on every surface of `info().surfaces`.
   * @defaultValue the terminal's id
   */
  readonly surfaceRef?: string | undefined;
}

const text = z.string().check(z.minLength(1));
const port = z._default(count(65_535), 0);
const host = z._default(text, terminalDefaults.host);
const mode = z.enum(['control', 'view']);

const SshSchema = z.strictObject({
  port,
  host,
  hostKeyPath: text,
  generateHostKey: z._default(z.boolean(), false),
  authorizedKeysPath: z.optional(text),
  passwords: z.optional(z.record(z.string(), z.string())),
  mode: z._default(mode, 'control'),
  authTimeoutMs: z._default(durationMs(), terminalDefaults.authTimeoutMs),
});

const WebSchema = z.strictObject({
  port,
  host,
  token: z.string().check(z.minLength(16)),
  writable: z._default(z.boolean(), false),
  allowedOrigins: z._default(z.array(text), []),
  tlsCertPath: z.optional(text),
  tlsKeyPath: z.optional(text),
  page: z._default(z.boolean(), true),
  maxFrameBytes: z._default(byteSize(16 * 1024 * 1024), terminalDefaults.maxFrameBytes),
  authTimeoutMs: z._default(durationMs(), terminalDefaults.authTimeoutMs),
});

const LocalSchema = z.strictObject({
  detachKey: z._default(z.string().check(z.length(1)), terminalDefaults.detachKey),
});

/**
 * The terminal's own keys, with defaults. The program's keys (`cwd`, `env`, `clearEnv`) are
 * validated once, by the process lane the terminal runs on.
 */
export const TerminalOptionsSchema = z.strictObject({
  id: z.optional(text.check(z.maxLength(200))),
  cwd: z.optional(z.unknown()),
  env: z.optional(z.unknown()),
  clearEnv: z.optional(z.unknown()),
  cols: z._default(count(10_000, 1), terminalDefaults.cols),
  rows: z._default(count(10_000, 1), terminalDefaults.rows),
  termName: z._default(text, terminalDefaults.termName),
  scrollbackBytes: z._default(byteSize(), terminalDefaults.scrollbackBytes),
  viewerBufferBytes: z._default(byteSize(), terminalDefaults.viewerBufferBytes),
  maxViewers: z._default(count(1_000, 1), terminalDefaults.maxViewers),
  maxControllers: z._default(count(1_000, 1), terminalDefaults.maxControllers),
  inputBytesPerSecond: z._default(byteSize(), terminalDefaults.inputBytesPerSecond),
  requireGrant: z._default(z.boolean(), false),
  recordPath: z.optional(text),
  maxRecordingBytes: z._default(byteSize(), terminalDefaults.maxRecordingBytes),
  secrets: secretsOption(),
  ssh: z.optional(SshSchema),
  web: z.optional(WebSchema),
  local: z.optional(z.union([z.boolean(), LocalSchema])),
  surfaceRef: z.optional(z.string()),
});

/** Parsed options. */
export type ParsedTerminalOptions = z.output<typeof TerminalOptionsSchema>;
/** Parsed SSH transport options. */
export type ParsedSshOptions = z.output<typeof SshSchema>;
/** Parsed WebSocket transport options. */
export type ParsedWebOptions = z.output<typeof WebSchema>;
