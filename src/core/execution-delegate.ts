import type { EventPayloadMap, ExecutionEventOf } from './event.js';
import type { Execution } from './execution.js';
import type { ExecutionOutcome, OutcomeStatus } from './outcome.js';

/**
 * Base of session handles that are an {@link Execution} plus lane controls (a process session's
 * `write`, a WebSocket's `send`, a JSON-RPC connection's `request`): every Execution member
 * delegates to the wrapped handle, so a lane adds only its own methods. `Symbol.asyncDispose`
 * cancels, as for any Execution; a lane may override it (a process session closes gracefully).
 *
 * @example
 * class EchoSession extends ExecutionDelegate<EchoOutput, EchoEvents> {
 *   constructor(execution: Execution<EchoOutput, EchoEvents>, readonly port: EchoPort) { super(execution); }
 *   say(text: string) { return this.port.write(text); }
 * }
 */
export abstract class ExecutionDelegate<O, E extends EventPayloadMap> implements Execution<O, E> {
  readonly #execution: Execution<O, E>;

  protected constructor(execution: Execution<O, E>) {
    this.#execution = execution;
  }

  get ref(): string {
    return this.#execution.ref;
  }

  get laneId(): string {
    return this.#execution.laneId;
  }

  get status(): 'running' | OutcomeStatus {
    return this.#execution.status;
  }

  get result(): Promise<ExecutionOutcome<O>> {
    return this.#execution.result;
  }

  output(): Promise<O> {
    return this.#execution.output();
  }

  cancel(reason?: string): Promise<ExecutionOutcome<O>> {
    return this.#execution.cancel(reason);
  }

  batches(options?: { max?: number }): AsyncIterable<ExecutionEventOf<O, E>[]> {
    return this.#execution.batches(options);
  }

  [Symbol.asyncIterator](): AsyncIterator<ExecutionEventOf<O, E>> {
    return this.#execution[Symbol.asyncIterator]();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#execution.cancel('execution disposed');
  }
}
