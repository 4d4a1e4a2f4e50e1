/**
 * The link between a session handle and the runtime its lane builds in `start`: calls made before
 * the lane started wait for `started`; `undefined` means it never started (cancelled first).
 * Sessions whose runtime is built by the lane (WebSocket, JSON-RPC) extend it.
 */
export class LanePort<R> {
  runtime: R | undefined;
  readonly #started = Promise.withResolvers<R | undefined>();

  /** Resolves with the runtime once the lane started, `undefined` if it never will. */
  get started(): Promise<R | undefined> {
    return this.#started.promise;
  }

  /** The lane built its runtime. */
  attach(runtime: R): void {
    this.runtime = runtime;
    this.#started.resolve(runtime);
  }

  /** The session ended; a lane that never started resolves `started` with `undefined`. */
  end(): void {
    this.#started.resolve(undefined);
  }
}
