import * as z from 'zod/mini';
import { DEFAULT_MAX_VIEWERS, DEFAULT_SCROLLBACK_BYTES, DEFAULT_VIEWER_BUFFER_BYTES } from './limits.js';

const text = z.string().check(z.minLength(1));
const cells = z.number().check(z.int(), z.minimum(1), z.maximum(10_000));
const bytes = z.number().check(z.int(), z.minimum(1), z.maximum(1024 ** 3));

/** Options of {@link openTerminal}. */
export const TerminalOptionsSchema = z.strictObject({
  /** Registry id; must be unique among open terminals. @defaultValue `terminal-<n>` */
  id: z.optional(text.check(z.maxLength(200))),
  /** Working directory of the program. @defaultValue inherited */
  cwd: z.optional(text),
  /** Variables set on top of the inherited environment. */
  env: z.optional(z.record(z.string(), z.string())),
  /** Start from an empty environment (then `env`). @defaultValue false */
  clearEnv: z.optional(z.boolean()),
  /** Columns. @defaultValue 80 */
  cols: z.optional(cells),
  /** Rows. @defaultValue 24 */
  rows: z.optional(cells),
  /** `TERM` of the terminal. @defaultValue `xterm-256color` */
  termName: z.optional(text),
  /** Bytes of output replayed to viewers that attach later. @defaultValue {@link DEFAULT_SCROLLBACK_BYTES} */
  scrollbackBytes: z._default(bytes, DEFAULT_SCROLLBACK_BYTES),
  /** Bytes buffered per slow viewer before its oldest output is dropped. @defaultValue {@link DEFAULT_VIEWER_BUFFER_BYTES} */
  viewerBufferBytes: z._default(bytes, DEFAULT_VIEWER_BUFFER_BYTES),
  /** Viewers attached at once. @defaultValue {@link DEFAULT_MAX_VIEWERS} */
  maxViewers: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(1_000)), DEFAULT_MAX_VIEWERS),
  /** Milliseconds before the program is killed; none by default (an operator terminal is long-lived). */
  timeoutMs: z.optional(z.number().check(z.int(), z.positive())),
  /** Aborting it closes the terminal. */
  signal: z.optional(z.instanceof(AbortSignal)),
});

/** Options accepted by {@link openTerminal}. */
export type TerminalOptions = z.input<typeof TerminalOptionsSchema>;
