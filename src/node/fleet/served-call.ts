import type { ExecutionStream, RuntimeClient } from '../../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionResult } from '../../core/contracts/boundary/execution-result.js';
import { StreamPump } from '../stream-pump.js';

/** Publishes one frame to the caller's inbox. */
export type FramePublish = (inbox: string, frame: Record<string, unknown>) => void;

/**
 * One call a node runs for a fleet client: numbered frames to the caller's inbox, kept until the
 * caller acknowledges them (so a frame lost while the fabric reconnects is sent again), a
 * heartbeat, and the caller's keepalive — a caller silent for the bound is gone and its execution
 * is cancelled (no orphans). A stream's events are read only as far as the caller granted credit.
 */
export class ServedCall {
  readonly callId: string;
  readonly inbox: string;
  executionRef: string | undefined;
  #publish: FramePublish;
  #sent = 0;
  #unacked: Array<{ n: number; frame: Record<string, unknown> }> = [];
  #pump: StreamPump | undefined;
  #abort = new AbortController();
  #lastKeep = Date.now();
  #ended = false;

  constructor(callId: string, inbox: string, publish: FramePublish) {
    this.callId = callId;
    this.inbox = inbox;
    this.#publish = publish;
  }

  /** Whether the result has been sent (the call lingers until acknowledged or forgotten). */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Runs `node.execute`. Its result goes in the answer to the start when it is ready within
   * `inlineMs` (a short execution costs one round trip), else as an `end` frame afterwards.
   */
  execute(
    node: RuntimeClient,
    request: unknown,
    timeoutMs: number | null | undefined,
    inlineMs: number,
  ): Promise<Record<string, unknown>> {
    let answer!: (value: Record<string, unknown>) => void;
    const answered = new Promise<Record<string, unknown>>((resolve) => {
      answer = resolve;
    });
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      answer({ ok: true });
    }, inlineMs);
    const options = { signal: this.#abort.signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
    node.execute(request as never, options).then(
      (result) => {
        if (late) return this.#end(result);
        clearTimeout(timer);
        this.executionRef ??= result.execution_ref ?? undefined;
        this.#ended = true;
        answer({ ok: true, result });
      },
      // A node's execute never rejects for what it decided; this is a node bug, reported as such.
      (error: unknown) => this.#frame({ kind: 'error', message: String((error as Error)?.message ?? error) }),
    );
    return answered;
  }

  /** Pumps an admitted stream's events by credit, then its result. */
  stream(stream: ExecutionStream): void {
    this.executionRef = stream.executionRef;
    this.#pump = new StreamPump(stream, {
      event: async (_ref, event) => this.#frame({ kind: 'event', event }),
      end: async (_ref, result) => this.#end(result),
    });
  }

  /** The caller granted credit and acknowledged frames up to `acked`. */
  pull(credit: unknown, acked: unknown): void {
    this.keep(acked);
    if (typeof credit === 'number') this.#pump?.grant(credit);
  }

  /** The caller is alive and has frames up to `acked`. */
  keep(acked: unknown): void {
    this.#lastKeep = Date.now();
    if (typeof acked === 'number') this.#unacked = this.#unacked.filter((f) => f.n > acked);
  }

  /** Sends the frames from `from` on again. */
  resend(from: unknown): void {
    this.#lastKeep = Date.now();
    const first = typeof from === 'number' ? from : 0;
    for (const f of this.#unacked) if (f.n >= first) this.#publish(this.inbox, f.frame);
  }

  /** The caller wants no more events (the execution goes on; its end still comes). */
  closeEvents(): void {
    this.#pump?.close();
  }

  /** The caller aborted an `execute` call. */
  abort(): void {
    this.#abort.abort();
  }

  /** Beats; returns false when the caller has been silent for `boundMs` (it is gone). */
  beat(boundMs: number): boolean {
    this.#publish(this.inbox, { kind: 'hb', sent: this.#sent });
    return Date.now() - this.#lastKeep <= boundMs;
  }

  /** The caller is gone: stop, and cancel the execution. */
  orphan(node: RuntimeClient): void {
    this.#abort.abort();
    this.#pump?.close();
    if (this.executionRef && !this.#ended) void node.cancel(this.executionRef).catch(() => {});
  }

  #end(result: ExecutionResult): void {
    this.executionRef ??= result.execution_ref ?? undefined;
    this.#frame({ kind: 'end', result });
    this.#ended = true;
  }

  #frame(body: Record<string, unknown>): void {
    const frame = { n: ++this.#sent, ...body };
    this.#unacked.push({ n: frame.n, frame });
    this.#publish(this.inbox, frame);
  }
}
