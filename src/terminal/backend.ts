import type { ExecutionOutcome, OutcomeStatus } from '../core/outcome.js';
import type { ProcessOutput } from '../process/events.js';

/** The outcome of a terminal: a program's {@link ProcessOutput}, or `undefined` for an in-process app. */
export type TerminalOutcome = ExecutionOutcome<ProcessOutput | undefined>;

/**
 * The port a terminal runs on: a program on a PTY or an in-process app. The terminal owns
 * viewers, scrollback, transports and the registry; a backend supplies I/O only.
 */
export interface TerminalBackend {
  readonly ref: string;
  readonly pid: number | undefined;
  readonly status: 'running' | OutcomeStatus;
  /** Output text until the backend ends; the terminal is its one consumer and never waits. */
  readonly output: AsyncIterable<string>;
  readonly result: Promise<TerminalOutcome>;
  ready(): Promise<void>;
  write(data: string): Promise<void>;
  resize(cols: number, rows: number): Promise<void>;
  interrupt(): Promise<void>;
  close(graceMs: number | undefined): Promise<void>;
}
