import type { ExecutionOptions } from '../core/execution-options.js';
import type { SurfaceOptions } from './surface-options.js';

/** Terminal settings of a PTY execution (`pty: { cols, rows, name }`). */
export interface PtyOptions {
  /**
   * Width in columns, 1–10 000.
   * @defaultValue 80 ({@link processDefaults}.ptyCols)
   */
  readonly cols?: number | undefined;
  /**
   * Height in rows, 1–10 000.
   * @defaultValue 24 ({@link processDefaults}.ptyRows)
   */
  readonly rows?: number | undefined;
  /**
   * `TERM` of the terminal.
   * @defaultValue `'xterm-256color'`
   */
  readonly name?: string | undefined;
}

/** How one standard stream of the child is connected. */
export type StdioMode = 'pipe' | 'inherit';

/** Per-stream {@link StdioMode}s of the `stdio` option. */
export interface StdioOptions {
  /** @defaultValue `'pipe'` */
  readonly stdin?: StdioMode | undefined;
  /** @defaultValue `'pipe'` */
  readonly stdout?: StdioMode | undefined;
  /** @defaultValue `'pipe'` */
  readonly stderr?: StdioMode | undefined;
}

/**
 * The process options of `run()`, `spawn()` and the `processLane` payload: where and how the
 * command runs, what it reads, how its output is framed and collected, and how it is stopped.
 * Invalid values throw `INVALID_OPTIONS` naming the option before anything is spawned; what the
 * surface cannot do throws `UNSUPPORTED_CAPABILITY`.
 */
export interface ProcessOptions {
  /**
   * Working directory. A missing local one fails with `CWD_NOT_FOUND` before spawning; on ssh and
   * guest surfaces it is the remote directory.
   * @defaultValue this process's working directory (the login directory on ssh)
   */
  readonly cwd?: string | undefined;
  /**
   * Variables set on top of the inherited environment (names without `=` or NUL).
   * @defaultValue none
   */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /**
   * Start from an empty environment, then apply `env`. Not together with `inheritEnv`.
   * @defaultValue false
   */
  readonly clearEnv?: boolean | undefined;
  /**
   * Inherit only these variables of this process (then `env`); not with `clearEnv`. Not on the
   * guest surface.
   * @defaultValue every variable is inherited
   */
  readonly inheritEnv?: readonly string[] | undefined;
  /**
   * Run as this user: the login user on ssh; the bridge decides on a guest; unsupported locally
   * (`UNSUPPORTED_CAPABILITY`).
   * @defaultValue the current (or login) user
   */
  readonly user?: string | undefined;
  /**
   * Written to stdin first: text (UTF-8), bytes, or `{ json }`, written as one JSON line.
   * @defaultValue nothing
   */
  readonly stdin?: string | Uint8Array | { readonly json: unknown } | undefined;
  /**
   * Close stdin (EOF) after `stdin` is written.
   * @defaultValue true for `run()` without a PTY, false for `spawn()` and PTYs
   */
  readonly closeStdin?: boolean | undefined;
  /**
   * `'merge'` delivers and collects stderr as stdout (line by line).
   * @defaultValue `'separate'`
   */
  readonly stderr?: 'separate' | 'merge' | undefined;
  /**
   * `'lines'`: `process.output` events carry the lines of one read; `'raw'`: decoded text chunks
   * (never cut inside a UTF-8 character). Only `'raw'` goes with `encoding: 'buffer'`.
   * @defaultValue `'lines'` (`'raw'` with `encoding: 'buffer'`)
   */
  readonly framing?: 'lines' | 'raw' | undefined;
  /**
   * `'utf8'`: output is decoded text. `'buffer'`: output is bytes, exactly as read —
   * `process.output` events carry `{ stream, bytes }` and the output's `stdout` / `stderr` are
   * `Uint8Array`s (cut at `maxBufferBytes`, never re-encoded).
   * @defaultValue `'utf8'`
   */
  readonly encoding?: 'utf8' | 'buffer' | undefined;
  /**
   * Remove one final `\n` (or `\r\n`) from the collected text of `stdout` and `stderr` (not from
   * events, not from bytes, not from truncated output).
   * @defaultValue true for `run()`, false for `spawn()` and the `processLane` payload
   */
  readonly stripFinalNewline?: boolean | undefined;
  /**
   * Look for the command in `node_modules/.bin` of `cwd` and each parent directory before `PATH`
   * (and run `node` scripts with this process's Node). Local surface only.
   * @defaultValue false
   */
  readonly preferLocal?: boolean | undefined;
  /**
   * `'inherit'` connects a stream to this process's own (the terminal, a log): it is then not
   * read, collected or evented, and `stdin` writes to it fail. One value for all three streams,
   * or per stream. Local surface without a PTY only.
   * @defaultValue `'pipe'` for every stream
   */
  readonly stdio?: StdioMode | StdioOptions | undefined;
  /**
   * Bytes of stdout and of stderr collected into the output (each); beyond it the text is cut at
   * a character boundary and flagged `*_truncated`. 0 collects nothing.
   * @defaultValue 16 MiB for `run()`, 0 for `spawn()`
   */
  readonly maxBufferBytes?: number | undefined;
  /**
   * Longest line in bytes (terminator excluded) in `lines` framing.
   * @defaultValue 1 MiB ({@link processDefaults}.maxLineBytes)
   */
  readonly maxLineBytes?: number | undefined;
  /**
   * What an over-long line does: `'fail'` kills the tree and fails `LINE_TOO_LONG`
   * (`protocol_framing_failed`); `'chunk'` delivers it in `maxLineBytes` pieces marked `partial`.
   * @defaultValue `'fail'`
   */
  readonly longLines?: 'fail' | 'chunk' | undefined;
  /**
   * Bytes of the stderr tail (the terminal's in a PTY) kept for the output and failures; 0 keeps none.
   * @defaultValue 256 KiB ({@link processDefaults}.stderrTailBytes)
   */
  readonly stderrTailBytes?: number | undefined;
  /**
   * First signal of the kill ladder (cancel, timeout, `close()`), sent to the whole process group.
   * @defaultValue `'SIGTERM'`
   */
  readonly killSignal?: string | undefined;
  /**
   * Milliseconds from `killSignal` to SIGKILL; 0 sends SIGKILL at once.
   * @defaultValue 2000 ({@link processDefaults}.forceKillAfterMs)
   */
  readonly forceKillAfterMs?: number | undefined;
  /**
   * Milliseconds the output pipes may stay open after the exit (a grandchild may hold them).
   * @defaultValue 200 ({@link processDefaults}.drainGraceMs)
   */
  readonly drainGraceMs?: number | undefined;
  /**
   * How the child's whole tree is held and ended (local and ssh-client processes; a guest's bridge
   * owns its own tree). `'cgroup'`: the child is born in a cgroup v2 of its own, ended with
   * `cgroup.kill` — catches `setsid`, `setpgid` and double-fork escapes; `UNSUPPORTED_CAPABILITY`
   * where no writable cgroup v2 hierarchy exists. `'process-tree'`: at each signal the child's
   * session and its descendants (by parent chain) are walked in /proc and signalled, process by
   * process and group by group — misses a `setsid` escape whose parent already exited.
   * `'auto'`: a cgroup where one can be created, else the walk.
   * @defaultValue `'auto'`
   */
  readonly containment?: 'auto' | 'cgroup' | 'process-tree' | undefined;
  /**
   * Bytes of stdin writes not yet taken by the child; a write past it rejects `LIMIT_EXCEEDED`.
   * @defaultValue 8 MiB ({@link processDefaults}.maxPendingWriteBytes)
   */
  readonly maxPendingWriteBytes?: number | undefined;
  /**
   * Run on a pseudo-terminal (node-pty, loaded on first use; `PEER_DEPENDENCY_MISSING` without
   * it). `true` or the terminal's size and type.
   * @defaultValue false
   */
  readonly pty?: boolean | PtyOptions | undefined;
  /**
   * Where the command runs: `{ kind: 'local' }`, `{ kind: 'ssh', destination, … }` or
   * `{ kind: 'guest', bridgeRef, endpoint | connect, … }`.
   * @defaultValue `{ kind: 'local' }`
   */
  readonly surface?: SurfaceOptions | undefined;
  /**
   * Values to scrub (`[redacted]`) wherever they would appear — output events and the collected
   * stdout/stderr (the stderr tail included), failures and error messages (a missing command or
   * `cwd` quoted in them) — each at least 4 characters. Values of `env` variables under
   * credential-looking names (`API_TOKEN`, `DB_PASSWORD` …) and of credential-looking flags
   * (`--token x`, `--password=x`) are scrubbed without being listed. Bytes are kept as they came.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
}

/**
 * Options of `run()`: the process options and the execution options (`timeoutMs`, `deadline`,
 * `signal`, `eventQueueCapacity`, `abortGraceMs`, `ref`) in one object. A run times out after
 * 30 s unless `timeoutMs` says otherwise; its event queue holds
 * {@link processDefaults}.eventQueueCapacity events; its abort grace covers the kill ladder.
 *
 * @example
 * const options: RunOptions = { cwd: '/tmp', timeoutMs: 5_000, maxBufferBytes: 1024 };
 */
export interface RunOptions extends ProcessOptions, ExecutionOptions {}

/**
 * Options of `spawn()`: the process options and the execution options in one object. A session
 * has no timeout unless `timeoutMs` is given, keeps stdin open and collects nothing unless
 * `maxBufferBytes` is set.
 *
 * @example
 * const options: SpawnOptions = { cwd: '/tmp', framing: 'raw', signal: AbortSignal.timeout(60_000) };
 */
export interface SpawnOptions extends ProcessOptions, ExecutionOptions {}

/**
 * The `processLane` payload (what the node and `startExecution` pass): the command, its argv
 * and the process options; the execution options travel separately.
 *
 * @example
 * const payload: ProcessPayload = { command: 'git', args: ['status'], cwd: '/tmp' };
 */
export interface ProcessPayload extends ProcessOptions {
  /** The program: a name looked up on PATH, or a path. Never run through a shell. */
  readonly command: string;
  /**
   * Its arguments, passed as argv (no shell, no quoting needed).
   * @defaultValue `[]`
   */
  readonly args?: readonly string[] | undefined;
}
