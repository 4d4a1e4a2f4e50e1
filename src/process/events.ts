import type { ExitFacts } from './exit-facts.js';
import type { SurfaceKind } from './surface-options.js';

/** Which output stream an event carries (`merge` delivers stderr as `stdout`). */
export type OutputStream = 'stdout' | 'stderr';

/**
 * Lines framed from one chunk read (`framing: 'lines'`): a batch, so the envelope is paid once per
 * read, not once per line. `partial` marks the last line as a fragment of an over-long line
 * (`longLines: 'chunk'`) that continues as the first line of the next event of that stream.
 */
export interface ProcessLinesPayload {
  readonly stream: OutputStream;
  readonly lines: readonly string[];
  readonly partial?: true;
}

/** Decoded text of one chunk read (`framing: 'raw'`); never ends inside a UTF-8 character. */
export interface ProcessDataPayload {
  readonly stream: OutputStream;
  readonly data: string;
}

/** Bytes of one chunk read, exactly as read (`encoding: 'buffer'`). */
export interface ProcessBytesPayload {
  readonly stream: OutputStream;
  readonly bytes: Uint8Array;
}

/** The child started. */
export interface ProcessSpawnedPayload {
  /** Local pid (also its process group); `null` on the guest surface. */
  readonly pid: number | null;
  readonly surface: SurfaceKind;
  readonly pty: boolean;
  /** Guest surface: the bridge's session ref. */
  readonly bridge_session_ref?: string;
}

/** A step of the kill ladder was taken. */
export interface ProcessKillPayload {
  /** Signal sent to the process group (a guest receives a close request). */
  readonly signal: string;
  /** `kill_signal` first, `force_kill` (SIGKILL) after `forceKillAfterMs`, `line_too_long` on a framing failure. */
  readonly step: 'kill_signal' | 'force_kill' | 'line_too_long';
}

/**
 * Event payloads of the process lane, by event type.
 *
 * @example
 * for await (const event of run('ls')) {
 *   if (event.event_type === 'process.output' && 'lines' in event.payload) console.log(event.payload.lines);
 * }
 */
export interface ProcessEvents {
  'process.spawned': ProcessSpawnedPayload;
  'process.output': ProcessLinesPayload | ProcessDataPayload | ProcessBytesPayload;
  'process.kill': ProcessKillPayload;
  'process.exit': ExitFacts;
}

/**
 * The output of a process execution: the outcome's raw payload (snake_case; JSON-safe unless
 * `encoding: 'buffer'` made `Data` a `Uint8Array`). Present on every outcome that got as far as
 * spawning, whatever the status.
 */
export interface ProcessOutput<Data extends string | Uint8Array = string> extends ExitFacts {
  /**
   * Collected stdout (stderr too with `stderr: 'merge'`), at most `maxBufferBytes` bytes; text
   * without its final newline when `stripFinalNewline` (the `run()` default).
   */
  readonly stdout: Data;
  /** Collected stderr, at most `maxBufferBytes` bytes (final newline as for `stdout`). */
  readonly stderr: Data;
  /** True when stdout had more than `maxBufferBytes` bytes. */
  readonly stdout_truncated: boolean;
  /** True when stderr had more than `maxBufferBytes` bytes. */
  readonly stderr_truncated: boolean;
  /** The last `stderrTailBytes` of stderr (of the terminal in a PTY), whatever was collected. */
  readonly stderr_tail: string;
}
