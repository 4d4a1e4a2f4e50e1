import type {
  AdmissionDecision,
  AdmissionRequestInput,
  ExecutionRef,
  ExecutionResult,
  ExecutionStream,
  NodeDescriptor,
  RuntimeCallOptions,
  RuntimeClient,
  Verdict,
} from '../core/index.js';

/**
 * The in-process runtime client: delegates every call to a node in this process. Code written
 * against {@link RuntimeClient} takes a `RemoteRuntimeClient` instead without change.
 *
 * @example
 * const client: RuntimeClient = new LocalRuntimeClient(node);
 * const result = await client.execute(request);
 */
export class LocalRuntimeClient implements RuntimeClient {
  #node: RuntimeClient;

  constructor(node: RuntimeClient) {
    this.#node = node;
  }

  describe(): Promise<NodeDescriptor> {
    return this.#node.describe();
  }

  admit(request: AdmissionRequestInput): Promise<Verdict<'decision', AdmissionDecision>> {
    return this.#node.admit(request);
  }

  execute(request: AdmissionRequestInput, options?: RuntimeCallOptions): Promise<ExecutionResult> {
    return this.#node.execute(request, options);
  }

  stream(
    request: AdmissionRequestInput,
    options?: RuntimeCallOptions,
  ): Promise<Verdict<'events', ExecutionStream>> {
    return this.#node.stream(request, options);
  }

  cancel(ref: ExecutionRef | string): Promise<Verdict<'cancelled', boolean>> {
    return this.#node.cancel(ref);
  }
}
