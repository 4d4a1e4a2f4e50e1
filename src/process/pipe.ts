import { invalidOptions } from '../core/errors.js';
import type { Execution } from '../core/execution.js';
import type { OutputStream, ProcessEvents } from './events.js';
import type { ProcessSession } from './session.js';

/** Options of {@link pipe}. */
export interface PipeOptions {
  /**
   * Which output of the source feeds the destination: `'stdout'`, `'stderr'` or `'both'`.
   * @defaultValue `'stdout'`
   */
  readonly from?: OutputStream | 'both' | undefined;
  /**
   * End the destination's stdin (EOF) once the source's output ended.
   * @defaultValue true
   */
  readonly end?: boolean | undefined;
}

/**
 * Pipes one execution's output into a session's stdin, like a shell's `|`: every chunk is
 * awaited into the destination (backpressure reaches the source), and the destination's stdin
 * ends when the source's output does. It reads the source's events, so do not iterate them
 * yourself. Exact for a source with `encoding: 'buffer'` or `framing: 'raw'`; a `lines` source is
 * re-joined with `\n`. Resolves once the source ended and the destination took everything (a
 * destination that stops reading — `head -1` — does not fail it: the rest is dropped, and each
 * outcome tells its own story).
 *
 * @example
 * const source = spawn('git', ['log', '--format=%s'], { cwd: repo, encoding: 'buffer' });
 * const count = spawn('wc', ['-l'], { maxBufferBytes: 1024 });
 * await pipe(source, count);
 * console.log((await count.output()).stdout.trim());
 */
export async function pipe<Output>(
  source: Execution<Output, ProcessEvents>,
  destination: Pick<ProcessSession<string | Uint8Array>, 'write' | 'end'>,
  options: PipeOptions = {},
): Promise<void> {
  const from = options.from ?? 'stdout';
  if (from !== 'stdout' && from !== 'stderr' && from !== 'both') {
    throw invalidOptions('from', "'stdout', 'stderr' or 'both'", String(from), 'pipe()');
  }
  let open = true;
  for await (const event of source) {
    if (!open || event.event_type !== 'process.output') continue;
    const payload = event.payload;
    if (from !== 'both' && payload.stream !== from) continue;
    const data =
      'bytes' in payload
        ? payload.bytes
        : 'data' in payload
          ? payload.data
          : payload.lines
              .map((line, i) => (payload.partial && i === payload.lines.length - 1 ? line : `${line}\n`))
              .join('');
    // The destination left: keep reading (a blocked source would never end) but stop writing.
    await destination.write(data).catch(() => {
      open = false;
    });
  }
  if (open && options.end !== false) await destination.end().catch(() => {});
}
