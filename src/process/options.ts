import * as z from 'zod/mini';
import {
  argText,
  byteCount,
  cells,
  envName,
  millis,
  nonEmptyText,
  positiveBytes,
  signalNameSchema,
} from './schema-parts.js';
import { SurfaceSchema } from './surface-options.js';

/** Terminal settings of a PTY execution. */
export const PtyOptionsSchema = z.strictObject({
  /** Columns. @defaultValue {@link DEFAULT_PTY_COLS} */
  cols: z.optional(cells),
  /** Rows. @defaultValue {@link DEFAULT_PTY_ROWS} */
  rows: z.optional(cells),
  /** `TERM` of the terminal. @defaultValue `xterm-256color` */
  name: z.optional(nonEmptyText),
});

/**
 * Process options shared by `run()`, `spawn()` and the `processLane` payload. Defaults are applied
 * per entry point (see {@link resolveSettings}); the schema only validates.
 */
export const ProcessOptionsSchema = z.strictObject({
  /** Working directory; a missing one fails with `CWD_NOT_FOUND` before spawning (remote on ssh/guest). */
  cwd: z.optional(nonEmptyText),
  /** Variables set on top of the inherited environment. */
  env: z.optional(z.record(envName, argText)),
  /** Start from an empty environment (then `env`). @defaultValue false */
  clearEnv: z.optional(z.boolean()),
  /** Inherit only these variables of this process (then `env`); not with `clearEnv`. */
  inheritEnv: z.optional(z.array(envName)),
  /** Run as this user: the login user on ssh; the guest bridge decides; unsupported locally. */
  user: z.optional(nonEmptyText),
  /** Written to stdin first: text, bytes, or `{ json }` written as one JSON line. */
  stdin: z.optional(
    z.union([
      z.string(),
      z.instanceof(Uint8Array),
      z.strictObject({ json: z.unknown().check(z.refine((v) => v !== undefined, 'a JSON value')) }),
    ]),
  ),
  /** Close stdin after `stdin` (EOF). @defaultValue true for `run()` without a PTY, false otherwise */
  closeStdin: z.optional(z.boolean()),
  /** `merge` delivers and collects stderr as stdout (line by line). @defaultValue 'separate' */
  stderr: z.optional(z.enum(['separate', 'merge'])),
  /** `lines` (batched per read) or `raw` decoded text chunks. @defaultValue 'lines' */
  framing: z.optional(z.enum(['lines', 'raw'])),
  /** Bytes of stdout and of stderr collected into the output; 0 collects nothing. @defaultValue 16 MiB for `run()`, 0 for `spawn()` */
  maxBufferBytes: z.optional(byteCount),
  /** Longest line in bytes. @defaultValue {@link DEFAULT_MAX_LINE_BYTES} */
  maxLineBytes: z.optional(positiveBytes),
  /** `fail`: an over-long line is `protocol_framing_failed` and the tree is killed; `chunk`: delivered in pieces. @defaultValue 'fail' */
  longLines: z.optional(z.enum(['fail', 'chunk'])),
  /** Bytes of the stderr tail kept for the outcome and failures. @defaultValue {@link DEFAULT_STDERR_TAIL_BYTES} */
  stderrTailBytes: z.optional(byteCount),
  /** First signal of the kill ladder. @defaultValue 'SIGTERM' */
  killSignal: z.optional(signalNameSchema),
  /** Milliseconds from `killSignal` to SIGKILL; 0 sends SIGKILL at once. @defaultValue {@link DEFAULT_FORCE_KILL_AFTER_MS} */
  forceKillAfterMs: z.optional(millis),
  /** Milliseconds the pipes may stay open after the exit. @defaultValue {@link DEFAULT_DRAIN_GRACE_MS} */
  drainGraceMs: z.optional(millis),
  /** Bytes of stdin writes not yet taken by the child. @defaultValue {@link DEFAULT_MAX_PENDING_WRITE_BYTES} */
  maxPendingWriteBytes: z.optional(positiveBytes),
  /** Run on a pseudo-terminal (node-pty, loaded on first use). @defaultValue false */
  pty: z.optional(z.union([z.boolean(), PtyOptionsSchema])),
  /** Where to run. @defaultValue { kind: 'local' } */
  surface: z.optional(SurfaceSchema),
});

/** Validated process options. */
export type ProcessOptions = z.infer<typeof ProcessOptionsSchema>;

/** The `processLane` payload: a command, its argv and the process options (JSON-safe unless `stdin` is bytes). */
export const ProcessPayloadSchema = z.extend(ProcessOptionsSchema, {
  command: nonEmptyText,
  args: z.optional(z.array(argText)),
});

/** Validated `processLane` payload. */
export type ProcessPayload = z.infer<typeof ProcessPayloadSchema>;
