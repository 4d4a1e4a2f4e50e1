import * as z from 'zod/mini';
import type { ExecutionOptions } from '../core/execution-options.js';
import { byteSize, count } from '../internal/option-schemas.js';
import { terminalDefaults } from './limits.js';

/**
 * Options of `openTerminal()`: the terminal's own options, the program's environment, and the
 * execution options (`timeoutMs`, `signal` …) in one object. A terminal has no timeout unless
 * `timeoutMs` is given (an operator terminal is long-lived).
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
   * Working directory of the program (`CWD_NOT_FOUND` when missing).
   * @defaultValue this process's working directory
   */
  readonly cwd?: string | undefined;
  /**
   * Variables set on top of the inherited environment.
   * @defaultValue none
   */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /**
   * Start from an empty environment, then apply `env`.
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
}

const text = z.string().check(z.minLength(1));

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
});
