import { ExecutionError } from '../core/errors.js';
import type { ExecutionOutcome, OutcomeStatus } from '../core/outcome.js';
import { sessionEndedError } from '../core/session.js';
import type { ProcessOutput } from '../process/events.js';
import type { CloseOptions, ProcessSession } from '../process/session.js';
import { ByteRing } from './byte-ring.js';
import { unregisterTerminal } from './registry.js';
import { TerminalViewer } from './viewer.js';

/** A snapshot of a terminal for operators and registries (snake_case, JSON-safe). */
export interface TerminalInfo {
  readonly terminal_id: string;
  readonly execution_ref: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly pid: number | null;
  readonly cols: number;
  readonly rows: number;
  readonly status: 'running' | OutcomeStatus;
  readonly viewers: number;
  readonly scrollback_bytes: number;
  readonly started_at: string;
}

/** Options of {@link Terminal.attach}. */
export interface AttachOptions {
  /**
   * Start the viewer with the scrollback, then live output; `false` for live output only.
   * @defaultValue true
   */
  readonly replay?: boolean | undefined;
}

/** @internal What {@link openTerminal} hands a terminal. */
export interface TerminalInit {
  readonly id: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly session: ProcessSession;
  readonly cols: number;
  readonly rows: number;
  readonly scrollbackBytes: number;
  readonly viewerBufferBytes: number;
  readonly maxViewers: number;
}

/**
 * An operator terminal: a program on a PTY that viewers attach to and detach from while it runs.
 * Output goes to a bounded scrollback and to every attached viewer; nobody watching never stalls
 * the program, and neither does a slow viewer. Closing it (or the program exiting) ends every
 * viewer and removes it from the registry. It follows the session contract: `ready()`, a
 * graceful idempotent `close()`, `await using`, and calls after the end reject with
 * `SESSION_ENDED` whose `cause` is the real reason (`PEER_DEPENDENCY_MISSING`, `COMMAND_NOT_FOUND` …).
 *
 * @example
 * await using terminal = openTerminal('bash', [], { id: 'ops' });
 * await terminal.ready();
 * await terminal.write('echo hi\r');
 */
export class Terminal implements AsyncDisposable {
  readonly id: string;
  readonly #init: TerminalInit;
  readonly #scrollback: ByteRing;
  readonly #viewers = new Set<TerminalViewer>();
  readonly #startedAt = new Date().toISOString();
  readonly #pumped: Promise<void>;
  #cols: number;
  #rows: number;
  #outcome: ExecutionOutcome<ProcessOutput> | undefined;

  /** @internal Use `openTerminal()`. */
  constructor(init: TerminalInit) {
    this.id = init.id;
    this.#init = init;
    this.#cols = init.cols;
    this.#rows = init.rows;
    this.#scrollback = new ByteRing(init.scrollbackBytes);
    this.#pumped = this.#pump();
  }

  /** The program's execution ref. */
  get ref(): string {
    return this.#init.session.ref;
  }

  /** The program's pid once spawned. */
  get pid(): number | undefined {
    return this.#init.session.pid;
  }

  /** `running` until the program ends, then its outcome status. */
  get status(): 'running' | OutcomeStatus {
    return this.#init.session.status;
  }

  /** Resolves once the program runs; rejects with `SESSION_ENDED` (cause: why) if it never started. */
  ready(): Promise<void> {
    return this.#init.session.ready();
  }

  /** The program's outcome (never rejects); resolves after every viewer has ended. */
  get result(): Promise<ExecutionOutcome<ProcessOutput>> {
    return this.#pumped.then(() => this.#init.session.result);
  }

  /**
   * Attaches a viewer. With `replay` (the default) it first receives the scrollback, then live
   * output. Throws `LIMIT_EXCEEDED` past `maxViewers` and `SESSION_ENDED` once the terminal ended.
   */
  attach(options: AttachOptions = {}): TerminalViewer {
    // Between the program's end and the pump's, a new viewer is ended by the pump with the rest.
    if (this.#outcome) throw sessionEndedError('attach()', this.#outcome);
    if (this.#viewers.size >= this.#init.maxViewers) {
      throw new ExecutionError(
        'LIMIT_EXCEEDED',
        `terminal ${this.id} already has ${this.#init.maxViewers} viewers`,
        {
          details: { limit: this.#init.maxViewers },
        },
      );
    }
    const initial = options.replay === false ? '' : this.#scrollback.snapshot();
    const viewer = new TerminalViewer(this.#init.viewerBufferBytes, initial, (v) => this.#viewers.delete(v));
    this.#viewers.add(viewer);
    return viewer;
  }

  /** Types into the terminal (keystrokes: `\r` is Enter); rejects with `SESSION_ENDED` once it ended. */
  write(data: string): Promise<void> {
    return this.#init.session.write(data);
  }

  /** Resizes the terminal; the program gets SIGWINCH. */
  async resize(cols: number, rows: number): Promise<void> {
    await this.#init.session.resize(cols, rows);
    this.#cols = cols;
    this.#rows = rows;
  }

  /** Sends Ctrl-C. */
  interrupt(): Promise<void> {
    return this.#init.session.interrupt();
  }

  /**
   * Ends the program (Ctrl-D, then the kill ladder after `graceMs`) and resolves with its outcome
   * once every viewer has ended. Idempotent; never rejects for a failure.
   */
  async close(options?: CloseOptions): Promise<ExecutionOutcome<ProcessOutput>> {
    await this.#init.session.close(options);
    return this.result;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** A JSON-safe snapshot. */
  info(): TerminalInfo {
    return {
      terminal_id: this.id,
      execution_ref: this.ref,
      command: this.#init.command,
      args: this.#init.args,
      pid: this.pid ?? null,
      cols: this.#cols,
      rows: this.#rows,
      status: this.status,
      viewers: this.#viewers.size,
      scrollback_bytes: this.#scrollback.bytes,
      started_at: this.#startedAt,
    };
  }

  // The terminal is the session's one consumer: output fans out without ever waiting on viewers.
  async #pump(): Promise<void> {
    try {
      for await (const event of this.#init.session) {
        if (event.event_type !== 'process.output' || !('data' in event.payload)) continue;
        const { data } = event.payload;
        this.#scrollback.push(data);
        for (const viewer of this.#viewers) viewer.deliver(data);
      }
    } finally {
      this.#outcome = await this.#init.session.result;
      for (const viewer of this.#viewers) viewer.end();
      this.#viewers.clear();
      unregisterTerminal(this);
    }
  }
}
