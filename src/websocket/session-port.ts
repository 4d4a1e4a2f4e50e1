import type { ReceiveBudget } from './receive-budget.js';
import type { EndedSend, SessionRuntime } from './session-runtime.js';

/**
 * The link between a {@link WebSocketSession} and the runtime its lane builds in `start`: calls
 * made before the lane started wait for it; `undefined` means it never started (cancelled first).
 */
export class SessionPort {
  runtime: SessionRuntime | undefined;
  /** How a send made after the end rejects; the session sets it to its `SESSION_ENDED` error. */
  endedSend: EndedSend | undefined;
  /** Unread message bytes; the session's iterator reports each message it hands out. */
  budget: ReceiveBudget | undefined;
  readonly #started = Promise.withResolvers<SessionRuntime | undefined>();

  /** Resolves with the runtime once the lane started, `undefined` if it never will. */
  get started(): Promise<SessionRuntime | undefined> {
    return this.#started.promise;
  }

  attach(runtime: SessionRuntime): void {
    this.runtime = runtime;
    this.#started.resolve(runtime);
  }

  /** The session ended; a lane that never started resolves `started` with `undefined`. */
  end(): void {
    this.#started.resolve(undefined);
  }
}
