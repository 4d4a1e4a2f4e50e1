import type { ExecutionError } from '../core/errors.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { sessionEndedError } from '../core/session.js';
import type { StdoutTaker } from '../internal/take-stdout.js';
import type { ChildPort } from './child-port.js';

/**
 * The link between a {@link ProcessSession} and the child its lane starts. Calls made before the
 * spawn wait for it; once the child is gone (or never started) they fail with the session's
 * `SESSION_ENDED` error, built from the outcome the port ends with.
 */
export class SessionPort {
  #child: ChildPort | undefined;
  #gone = false;
  // The stdout hand-off: possible while the plan pipes stdout to an ordinary child (no PTY) and
  // the lane has not begun reading it; `#taker` once taken, `null` once no longer possible.
  #takeable = false;
  #taker: StdoutTaker | undefined | null;
  #resolveReady!: (child: ChildPort | undefined) => void;
  #resolveOutcome!: (outcome: ExecutionOutcome) => void;
  /** Resolves with the child once started, `undefined` if it never started. */
  readonly ready: Promise<ChildPort | undefined>;
  /** The execution's outcome, once it settled. */
  readonly outcome: Promise<ExecutionOutcome>;

  constructor() {
    this.ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
    this.outcome = new Promise((resolve) => {
      this.#resolveOutcome = resolve;
    });
  }

  /** The child's pid while it is known. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** True once the child is gone or will never start. */
  get gone(): boolean {
    return this.#gone;
  }

  /** The lane's plan pipes stdout from an ordinary child (no PTY): it may be handed off. */
  allowTake(): void {
    this.#takeable = true;
  }

  /**
   * Hands the child's stdout to `taker` instead of `process.output` events; false (and nothing
   * changes) once the lane has begun reading it, or where it cannot (a PTY, inherited stdout).
   */
  take(taker: StdoutTaker): boolean {
    if (!this.#takeable || this.#taker !== undefined) return false;
    this.#taker = taker;
    return true;
  }

  /** The lane begins reading stdout: the taker, if one took it; no hand-off after this. */
  claimTaker(): StdoutTaker | undefined {
    const taker = this.#taker ?? undefined;
    this.#taker = taker ?? null;
    return taker;
  }

  /** The lane started the child. */
  attach(child: ChildPort): void {
    this.#child = child;
    this.#resolveReady(child);
  }

  /** The lane is done with the child (it exited, or never started). */
  detach(): void {
    this.#gone = true;
    this.#resolveReady(undefined);
  }

  /** The execution settled: the port ends carrying its outcome. */
  end(outcome: ExecutionOutcome): void {
    this.detach();
    this.#resolveOutcome(outcome);
  }

  /** The running child now (`undefined` before the spawn and once it is gone): no promise hop. */
  get current(): ChildPort | undefined {
    return this.#gone ? undefined : this.#child;
  }

  /** The running child, waiting for the spawn; rejects with `SESSION_ENDED` once it is gone. */
  async use(call: string): Promise<ChildPort> {
    const child = await this.ready;
    if (child && !this.#gone) return child;
    throw await this.endedError(call);
  }

  /** The `SESSION_ENDED` error for `call`, once the outcome is known (its `cause` says why). */
  async endedError(call: string): Promise<ExecutionError> {
    return sessionEndedError(call, await this.outcome);
  }
}
