import { ExecutionError, invalidOptions, isExecutionError } from '../core/errors.js';
import type { Execution } from '../core/execution.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { SessionHandle } from '../core/session.js';
import { type StdoutTaker, takeStdout } from '../internal/take-stdout.js';
import { writeFrame } from '../internal/write-frame.js';
import type { ChildPort } from './child-port.js';
import type { ProcessEvents, ProcessOutput } from './events.js';
import { processDefaults } from './limits.js';
import type { SessionPort } from './session-port.js';
import { within } from './within.js';

/** Options of {@link ProcessSession.close}. */
export interface CloseOptions {
  /**
   * Milliseconds to wait after stdin EOF before sending `killSignal` to the process group (which
   * is followed by SIGKILL after `forceKillAfterMs`).
   * @defaultValue 2000 ({@link processDefaults}.closeGraceMs)
   */
  readonly graceMs?: number | undefined;
}

/**
 * A long-lived process, created by `spawn()`: the execution (events, outcome, cancel) plus stdin
 * writes with backpressure, EOF, interrupt, PTY resize and a graceful close. Methods called
 * before the child started wait for it; once it ended they reject with `SESSION_ENDED`, whose
 * `cause` is the outcome's error (`COMMAND_NOT_FOUND`, `TIMEOUT` …; none after a clean exit).
 * `await using` closes it gracefully.
 *
 * @example
 * await using session = spawn('my-agent');
 * await session.ready();
 * await session.write(`${JSON.stringify({ prompt: 'hi' })}\n`);
 * await session.end();
 * for await (const event of session) if (event.event_type === 'process.output') console.log(event.payload);
 */
export interface ProcessSession<Data extends string | Uint8Array = string>
  extends Execution<ProcessOutput<Data>, ProcessEvents>,
    AsyncDisposable {
  /** The child's pid (also its process group) once spawned; `undefined` before, after a failed spawn, and on a guest. */
  readonly pid: number | undefined;
  /** Resolves once the child is running; rejects with `SESSION_ENDED` (cause: why) if it never started. */
  ready(): Promise<void>;
  /**
   * Writes to stdin. Resolves when the child has taken the bytes (into its pipe), so awaiting
   * each write is backpressure. Rejects with `LIMIT_EXCEEDED` past `maxPendingWriteBytes` not yet
   * taken, `WRITE_FAILED` when stdin is closed, `SESSION_ENDED` once the process ended.
   */
  write(data: string | Uint8Array): Promise<void>;
  /** Ends stdin (EOF); in a PTY, writes Ctrl-D. Rejects with `SESSION_ENDED` once the process ended. */
  end(): Promise<void>;
  /** SIGINT to the process group; Ctrl-C in a PTY; the bridge's interrupt on a guest. */
  interrupt(): Promise<void>;
  /**
   * Resizes the PTY (the program gets SIGWINCH). Rejects with `INVALID_OPTIONS` for a size
   * outside 1–10 000, `UNSUPPORTED_CAPABILITY` without a PTY, `SESSION_ENDED` once ended.
   */
  resize(cols: number, rows: number): Promise<void>;
  /**
   * Closes gracefully (idempotent): stdin EOF, then — if the child has not exited within
   * `graceMs` — cancels, which sends `killSignal` to the whole process group and SIGKILL after
   * `forceKillAfterMs`. Resolves with the outcome (never rejects for a failure): the child's own
   * exit if it left after EOF, `cancelled` otherwise.
   */
  close(options?: CloseOptions): Promise<ExecutionOutcome<ProcessOutput<Data>>>;
}

/** Wraps a session execution and the port its lane attaches the child to. */
export function startSession(
  execution: Execution<ProcessOutput, ProcessEvents>,
  port: SessionPort,
): ProcessSession {
  // A session cancelled before its lane started never spawns: its methods must not wait forever.
  void execution.result.then((outcome) => port.end(outcome));
  return new ProcessSessionHandle(execution, port);
}

class ProcessSessionHandle extends SessionHandle<ProcessOutput, ProcessEvents> implements ProcessSession {
  readonly #port: SessionPort;

  constructor(execution: Execution<ProcessOutput, ProcessEvents>, port: SessionPort) {
    super(execution);
    this.#port = port;
  }

  get pid(): number | undefined {
    return this.#port.pid;
  }

  async ready(): Promise<void> {
    await this.#port.use('ready()');
  }

  write(data: string | Uint8Array): Promise<void> {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      return Promise.reject(invalidOptions('data', 'a string or a Uint8Array', typeof data, 'write()'));
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // A running child takes the write now: one promise per write, not four hops before it starts
    // (sequential JSON-RPC over stdio pays each hop on every round trip).
    const child = this.#port.current;
    if (child === undefined) return this.#call('write()', (child) => child.write(bytes));
    let written: Promise<void>;
    try {
      written = child.write(bytes);
    } catch (error) {
      written = Promise.reject(error);
    }
    return written.catch(this.#writeRefused);
  }

  /**
   * The stdio JSON-RPC channel's write: at once and without a promise per frame while the child
   * is running locally and takes the data (see `writeNow`); `false` when this session cannot, so
   * the caller uses `write()` and its answer instead.
   */
  [writeFrame](text: string, failed: (error: ExecutionError) => void): false | undefined | Promise<void> {
    const child = this.#port.current;
    if (child?.writeNow === undefined) return false;
    const written = child.writeNow(text, failed);
    return written instanceof ExecutionError ? false : written;
  }

  /**
   * The stdio JSON-RPC channel's read: the child's stdout chunks go to `taker` straight from the
   * pipe, with no `process.output` event for them; false where that is no longer possible (the
   * lane has begun reading stdout) or not possible (a PTY, inherited stdout).
   */
  [takeStdout](taker: StdoutTaker): boolean {
    return this.#port.take(taker);
  }

  #writeRefused = async (error: unknown): Promise<never> => {
    if (isExecutionError(error) && error.code === 'SESSION_ENDED')
      throw await this.#port.endedError('write()');
    throw error;
  };

  end(): Promise<void> {
    return this.#call('end()', (child) => child.end());
  }

  interrupt(): Promise<void> {
    return this.#call('interrupt()', (child) => child.interrupt());
  }

  async resize(cols: number, rows: number): Promise<void> {
    for (const [name, value] of [
      ['cols', cols],
      ['rows', rows],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 10_000) {
        throw invalidOptions(name, 'an integer from 1 to 10000', String(value), 'resize()');
      }
    }
    return this.#call('resize()', async (child) => child.resize(cols, rows));
  }

  async close(options: CloseOptions = {}): Promise<ExecutionOutcome<ProcessOutput>> {
    const graceMs = options.graceMs ?? processDefaults.closeGraceMs;
    if (!Number.isInteger(graceMs) || graceMs < 0) {
      throw invalidOptions('graceMs', 'an integer >= 0', String(graceMs), 'close()');
    }
    if (this.status !== 'running') return this.result;
    if (!this.#port.gone) await this.end().catch(() => {});
    if (!(await within(this.result, graceMs))) void this.cancel('session closed by caller');
    return this.result;
  }

  // A child that ended between the call and the write reports SESSION_ENDED without a cause:
  // answer with the session's own error, whose cause is the outcome's.
  async #call(call: string, op: (child: ChildPort) => Promise<void>): Promise<void> {
    const child = await this.#port.use(call);
    try {
      await op(child);
    } catch (error) {
      if (isExecutionError(error) && error.code === 'SESSION_ENDED') throw await this.#port.endedError(call);
      throw error;
    }
  }
}
