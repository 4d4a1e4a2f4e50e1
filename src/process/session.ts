import type { Execution, ExecutionOutcome } from '../core/index.js';
import { ExecutionDelegate, invalidOptions } from '../core/index.js';
import type { ProcessEvents, ProcessOutput } from './events.js';
import { DEFAULT_CLOSE_GRACE_MS } from './limits.js';
import type { SessionPort } from './session-port.js';
import { within } from './within.js';

/** Options of {@link ProcessSession.close}. */
export interface CloseOptions {
  /**
   * Milliseconds to wait after stdin EOF before sending `killSignal` to the process group (which
   * is followed by SIGKILL after `forceKillAfterMs`).
   * @defaultValue {@link DEFAULT_CLOSE_GRACE_MS}
   */
  readonly graceMs?: number;
}

/**
 * A long-lived process: the {@link Execution} (events, outcome, cancel) plus stdin writes with
 * backpressure, EOF, interrupt, a graceful close ladder and PTY resize. Created by `spawn()`.
 * Methods called before the child has started wait for it; after it ended they reject with
 * `CLOSED`. `await using` closes it gracefully.
 *
 * @example
 * await using session = spawn('my-agent', ['--jsonl']);
 * await session.write(`${JSON.stringify({ type: 'prompt', text: 'hi' })}\n`);
 * for await (const event of session) if (event.event_type === 'process.output') handle(event.payload);
 */
export class ProcessSession extends ExecutionDelegate<ProcessOutput, ProcessEvents> {
  readonly #port: SessionPort;

  /** @internal Use `spawn()`. */
  constructor(execution: Execution<ProcessOutput, ProcessEvents>, port: SessionPort) {
    super(execution);
    this.#port = port;
  }

  /** The child's pid (also its process group), once spawned; `undefined` before, and on a guest. */
  get pid(): number | undefined {
    return this.#port.pid;
  }

  /** Resolves with the pid once the child started (`undefined` on a guest or if it never started). */
  get spawned(): Promise<number | undefined> {
    return this.#port.ready.then((child) => child?.pid);
  }

  /**
   * Writes to stdin. Resolves when the child has taken the bytes (into its pipe), so awaiting each
   * write is backpressure; rejects with `LIMIT_EXCEEDED` past `maxPendingWriteBytes` not yet taken,
   * `WRITE_FAILED` when the child closed stdin, `CLOSED` after it ended.
   */
  async write(data: string | Uint8Array): Promise<void> {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      throw invalidOptions('data', 'a string or a Uint8Array', typeof data, 'write()');
    }
    const child = await this.#port.use('write');
    return child.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  /** Ends stdin (EOF); in a PTY, writes Ctrl-D. */
  async end(): Promise<void> {
    const child = await this.#port.use('end stdin');
    return child.end();
  }

  /** SIGINT to the process group; Ctrl-C in a PTY; the bridge's interrupt on a guest. */
  async interrupt(): Promise<void> {
    const child = await this.#port.use('interrupt');
    return child.interrupt();
  }

  /** Resizes the PTY; throws `UNSUPPORTED_CAPABILITY` without one. */
  resize(cols: number, rows: number): void {
    this.#port.resize(cols, rows);
  }

  /**
   * Closes gracefully: stdin EOF, then — if the child has not exited within `graceMs` — cancels,
   * which sends `killSignal` to the whole process group and SIGKILL after `forceKillAfterMs`.
   * Resolves with the outcome: the child's own exit if it left after EOF, `cancelled` otherwise.
   */
  async close(options: CloseOptions = {}): Promise<ExecutionOutcome<ProcessOutput>> {
    const graceMs = options.graceMs ?? DEFAULT_CLOSE_GRACE_MS;
    if (!Number.isInteger(graceMs) || graceMs < 0) {
      throw invalidOptions('graceMs', 'an integer >= 0', String(graceMs), 'close()');
    }
    if (this.status !== 'running') return this.result;
    if (!this.#port.ended) await this.end().catch(() => {});
    if (!(await within(this.result, graceMs))) void this.cancel('session closed by caller');
    return this.result;
  }

  override async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
