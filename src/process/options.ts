import * as z from 'zod/mini';
import {
  argText,
  byteCount,
  cells,
  choice,
  envName,
  expects,
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
  cwd: z.optional(nonEmptyText),
  env: z.optional(z.record(envName, argText, expects('variable names without "=" or NUL'))),
  clearEnv: z.optional(z.boolean(expects('a boolean'))),
  inheritEnv: z.optional(z.array(envName)),
  user: z.optional(nonEmptyText),
  stdin: z.optional(
    z.union(
      [
        z.string(),
        z.instanceof(Uint8Array),
        z.strictObject({
          json: z.unknown().check(z.refine((v) => v !== undefined, expects('a JSON value'))),
        }),
      ],
      expects('a string, a Uint8Array or { json: value }'),
    ),
  ),
  closeStdin: z.optional(z.boolean(expects('a boolean'))),
  stderr: z.optional(choice(['separate', 'merge'])),
  framing: z.optional(choice(['lines', 'raw'])),
  maxBufferBytes: z.optional(byteCount),
  maxLineBytes: z.optional(positiveBytes),
  longLines: z.optional(choice(['fail', 'chunk'])),
  stderrTailBytes: z.optional(byteCount),
  killSignal: z.optional(signalNameSchema),
  forceKillAfterMs: z.optional(millis),
  drainGraceMs: z.optional(millis),
  maxPendingWriteBytes: z.optional(positiveBytes),
  pty: z.optional(z.union([z.boolean(), PtyOptionsSchema], expects('a boolean or { cols, rows, name }'))),
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
