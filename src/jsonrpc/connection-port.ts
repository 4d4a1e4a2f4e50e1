import type {
  ConnectionHandlers,
  ConnectionRuntime,
  JsonRpcNotificationHandler,
} from './connection-runtime.js';
import type { JsonRpcRequestHandler } from './inbound.js';

/**
 * The link between a {@link JsonRpcConnection} and the runtime its lane builds in `start`:
 * handlers registered on the handle (even before the start) live here; calls made before the
 * start wait for it; `undefined` means it never started (cancelled first).
 */
export class ConnectionPort implements ConnectionHandlers {
  readonly requests = new Map<string, JsonRpcRequestHandler>();
  readonly notifications = new Map<string, JsonRpcNotificationHandler>();
  runtime: ConnectionRuntime | undefined;
  readonly #started = Promise.withResolvers<ConnectionRuntime | undefined>();

  /** Resolves with the runtime once the lane started, `undefined` if it never will. */
  get started(): Promise<ConnectionRuntime | undefined> {
    return this.#started.promise;
  }

  attach(runtime: ConnectionRuntime): void {
    this.runtime = runtime;
    this.#started.resolve(runtime);
  }

  end(): void {
    this.#started.resolve(undefined);
  }
}
