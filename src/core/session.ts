import { ExecutionError } from './errors.js';
import type { EventPayloadMap } from './event.js';
import type { Execution } from './execution.js';
import { ExecutionDelegate } from './execution-delegate.js';
import type { ExecutionOutcome } from './outcome.js';
import { outcomeError } from './outcome-error.js';

/**
 * The contract of every long-lived handle — a process session, a WebSocket session, a JSON-RPC
 * connection, a terminal: an {@link Execution} (events, outcome, cancel) that becomes ready, takes
 * calls while it runs, and closes gracefully. After it ended every call rejects with one
 * `SESSION_ENDED` error whose `cause` is the real reason (the outcome's failure, as the
 * ExecutionError `output()` would reject with). `await using` closes it.
 *
 * @example
 * await using session = connect('ws://127.0.0.1:8080');
 * await session.ready(); // rejects with SESSION_ENDED (cause: CONNECT_FAILED …) if it never opened
 * await session.send('hello');
 */
export interface Session<O = unknown, E extends EventPayloadMap = Record<string, unknown>>
  extends Execution<O, E> {
  /** Resolves once the session takes calls; rejects with the `SESSION_ENDED` error if it ends first. */
  ready(): Promise<void>;
  /** Closes gracefully (idempotent) and resolves with the outcome; never rejects for a failure. */
  close(): Promise<ExecutionOutcome<O>>;
}

/**
 * The error a session's methods reject with once it ended: code `SESSION_ENDED`, the failure
 * class of the outcome, and `cause` — the outcome's own error (`SPAWN_FAILED`, `CONNECT_FAILED` …),
 * or nothing when the session ended normally.
 *
 * @example
 * sessionEndedError('write()', outcome).cause; // ExecutionError SPAWN_FAILED: spawn my-agent ENOENT
 */
export function sessionEndedError(call: string, outcome: ExecutionOutcome): ExecutionError {
  const failed = outcome.status !== 'succeeded';
  const why = outcome.failure?.reason ?? outcome.status;
  return new ExecutionError(
    'SESSION_ENDED',
    `Cannot ${call}: the ${outcome.lane_id} session has ended (${why})`,
    {
      failureClass: outcome.failure?.failure_class,
      details: { status: outcome.status, ...(outcome.failure ? { cause_code: outcome.failure.code } : {}) },
      cause: failed ? outcomeError(outcome) : undefined,
    },
  );
}

/**
 * Base of session handles: delegates the {@link Execution} members, tracks the end, and gives
 * subclasses {@link SessionHandle.ended} to reject calls made after it. `await using` calls
 * `close()`.
 */
export abstract class SessionHandle<O, E extends EventPayloadMap>
  extends ExecutionDelegate<O, E>
  implements Session<O, E>
{
  #outcome: ExecutionOutcome<O> | undefined;

  protected constructor(execution: Execution<O, E>) {
    super(execution);
    void execution.result.then((outcome) => {
      this.#outcome = outcome;
    });
  }

  /** See {@link Session.ready}. */
  abstract ready(): Promise<void>;

  /** See {@link Session.close}. */
  abstract close(): Promise<ExecutionOutcome<O>>;

  /** The `SESSION_ENDED` error for `call` once the outcome is known, else `undefined`. */
  protected ended(call: string): ExecutionError | undefined {
    return this.#outcome ? sessionEndedError(call, this.#outcome) : undefined;
  }

  /** Waits for the outcome and returns the `SESSION_ENDED` error for `call`. */
  protected async endedError(call: string): Promise<ExecutionError> {
    return sessionEndedError(call, await this.result);
  }

  override async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
