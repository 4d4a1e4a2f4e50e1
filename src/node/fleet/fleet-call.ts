import type { ExecutionResult } from '../../core/contracts/boundary/execution-result.js';
import { nodeAdmittedProvenance } from '../../core/contracts/boundary/provenance.js';
import { ExecutionError } from '../../core/errors.js';
import type { ExecutionEvent } from '../../core/event.js';
import { failedResult } from '../execution-results.js';
import { RemoteStream } from '../remote-stream.js';

/** What a call needs from its client: send a control message to its node. */
export interface CallLink {
  control(nodeId: string, message: Record<string, unknown>): void;
}

/**
 * The client side of one call on a node: takes the numbered frames from its inbox in order (a gap
 * is asked for again; a duplicate is dropped), feeds a stream's events to a credit-based
 * {@link RemoteStream}, and resolves the result at the `end` frame. A node silent (no frame, no
 * heartbeat) for `boundMs` is gone: the call ends `failed` with `REMOTE_DISCONNECT` (failure class
 * `remote_disconnect`, outcome unknown) and a cancel is sent in case the node is only cut off.
 */
export class FleetCall {
  readonly callId: string;
  readonly nodeId: string;
  readonly result: Promise<ExecutionResult>;
  executionRef: string | undefined;
  stream: RemoteStream | undefined;
  #link: CallLink;
  /** Silence after which the node counts as gone, in ms. */
  readonly boundMs: number;
  #expected = 1;
  #held = new Map<number, Record<string, unknown>>();
  #lastHeard = Date.now();
  #lastResend = 0;
  #done = false;
  #resolve!: (result: ExecutionResult) => void;

  constructor(callId: string, nodeId: string, link: CallLink, boundMs: number) {
    this.callId = callId;
    this.nodeId = nodeId;
    this.#link = link;
    this.boundMs = boundMs;
    this.result = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Frames up to here have arrived. */
  get acked(): number {
    return this.#expected - 1;
  }

  get done(): boolean {
    return this.#done;
  }

  /** The node admitted a stream: events now flow by credit (at most `window` ahead). */
  openStream(ref: string, window: number): RemoteStream {
    this.executionRef = ref;
    this.stream = new RemoteStream(
      ref,
      window,
      {
        pull: (credit) =>
          this.#link.control(this.nodeId, { op: 'pull', call_id: this.callId, credit, acked: this.acked }),
        close: () => this.#link.control(this.nodeId, { op: 'close', call_id: this.callId }),
      },
      nodeAdmittedProvenance(),
    );
    this.stream.result.then((result) => this.#finish(result));
    return this.stream;
  }

  /** The node answered the start with the result itself (a short execution). */
  complete(result: ExecutionResult): void {
    this.executionRef ??= result.execution_ref ?? undefined;
    this.#finish(result);
    this.#link.control(this.nodeId, { op: 'done', call_id: this.callId });
  }

  /** A frame arrived on the call's inbox. */
  frame(frame: Record<string, unknown>): void {
    if (this.#done) return;
    this.#lastHeard = Date.now();
    if (frame.kind === 'hb') {
      if (typeof frame.sent === 'number' && frame.sent > this.acked) this.#askAgain();
      return;
    }
    const n = frame.n;
    if (typeof n !== 'number' || n < this.#expected) return;
    if (n > this.#expected) {
      this.#held.set(n, frame);
      this.#askAgain();
      return;
    }
    this.#deliver(frame);
    for (let next = this.#held.get(this.#expected); next; next = this.#held.get(this.#expected)) {
      this.#held.delete(this.#expected);
      this.#deliver(next);
    }
  }

  /** Checks the node's heartbeat; false once the call has failed for silence. */
  check(now: number): boolean {
    if (this.#done) return false;
    if (now - this.#lastHeard <= this.boundMs) return true;
    this.fail(
      new ExecutionError(
        'REMOTE_DISCONNECT',
        `node ${this.nodeId} was silent for ${now - this.#lastHeard} ms (bound ${this.boundMs} ms): it died or is cut off; the outcome is unknown`,
        { failureClass: 'remote_disconnect', details: { node_id: this.nodeId, outcome_unknown: true } },
      ),
    );
    this.#link.control(this.nodeId, { op: 'abort', call_id: this.callId });
    return false;
  }

  /** Why the call failed, when it did (the fabric lost the node, or the client closed). */
  failure: ExecutionError | undefined;

  /** Ends the call with `error` (the fabric lost the node, or the client closed). */
  fail(error: ExecutionError): void {
    if (this.#done) return;
    this.failure = error;
    if (this.stream) {
      this.stream.fail(error);
      return;
    }
    this.#finish(
      failedResult(
        this.executionRef ?? this.callId,
        {
          failure_class: error.failureClass ?? 'remote_disconnect',
          code: error.code,
          reason: error.message,
          details: { node_id: this.nodeId, outcome_unknown: true },
        },
        nodeAdmittedProvenance(),
      ),
    );
  }

  #deliver(frame: Record<string, unknown>): void {
    this.#expected++;
    if (frame.kind === 'event') this.stream?.push(frame.event as ExecutionEvent);
    else if (frame.kind === 'end') {
      const result = frame.result as ExecutionResult;
      this.executionRef ??= result.execution_ref ?? undefined;
      if (this.stream) this.stream.end(result);
      else this.#finish(result);
      this.#link.control(this.nodeId, { op: 'done', call_id: this.callId });
    } else if (frame.kind === 'error') {
      this.fail(
        new ExecutionError(
          'PROTOCOL_ERROR',
          `node ${this.nodeId} failed the call: ${String(frame.message)}`,
          { failureClass: 'semantic_runtime_failed' },
        ),
      );
    }
  }

  // At most one resend request per heartbeat-ish interval.
  #askAgain(): void {
    const now = Date.now();
    if (now - this.#lastResend < Math.max(50, this.boundMs / 6)) return;
    this.#lastResend = now;
    this.#link.control(this.nodeId, { op: 'resend', call_id: this.callId, from: this.#expected });
  }

  #finish(result: ExecutionResult): void {
    if (this.#done) return;
    this.#done = true;
    this.#held.clear();
    this.#resolve(result);
  }
}
