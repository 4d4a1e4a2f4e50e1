import { ExecutionError } from '../core/errors.js';
import type { JsonRpcId } from './message.js';

/** What is known of the peer's batch support: learned from the first batch it answers or refuses. */
export type BatchSupportState = 'unknown' | 'yes' | 'no';

/** One batch in flight while support is unknown. */
export interface BatchProbe {
  /** Settles with what the batch taught: `unknown` when it ended without telling. */
  readonly decided: Promise<BatchSupportState>;
  /** The batch's requests settled (answered or failed locally): stop probing for it. */
  done(): void;
}

/**
 * Learns whether the peer takes JSON-RPC batches. A batch sent while that is unknown is a probe:
 * any answer to one of its requests means yes; a lone error answer with a null id (how peers
 * refuse a batch as an invalid request) or silence for `probeMs` means no, and the probe's
 * pending requests are failed with {@link isBatchRefusal} errors for the caller to split or fail.
 */
export class BatchSupport {
  state: BatchSupportState = 'unknown';
  readonly #probeMs: number | null;
  readonly #fail: (id: JsonRpcId, error: ExecutionError) => void;
  readonly #probes = new Set<{
    ids: readonly JsonRpcId[];
    timer: unknown;
    settle: (s: BatchSupportState) => void;
  }>();

  constructor(probeMs: number | null, fail: (id: JsonRpcId, error: ExecutionError) => void) {
    this.#probeMs = probeMs;
    this.#fail = fail;
  }

  /** Starts probing with a batch's request ids (nothing to do once support is known). */
  probe(ids: readonly JsonRpcId[]): BatchProbe | undefined {
    if (this.state !== 'unknown' || ids.length === 0) return undefined;
    const { promise, resolve } = Promise.withResolvers<BatchSupportState>();
    const entry = { ids, timer: undefined as unknown, settle: resolve };
    if (this.#probeMs !== null) entry.timer = setTimeout(() => this.refused(), this.#probeMs);
    this.#probes.add(entry);
    return {
      decided: promise,
      done: () => {
        clearTimeout(entry.timer as ReturnType<typeof setTimeout>);
        this.#probes.delete(entry);
        resolve('unknown');
      },
    };
  }

  /** The peer answered a request of a batch: it takes batches. */
  answered(): void {
    if (this.state !== 'unknown') return;
    this.state = 'yes';
    for (const entry of this.#probes) {
      clearTimeout(entry.timer as ReturnType<typeof setTimeout>);
      entry.settle('yes');
    }
    this.#probes.clear();
  }

  /**
   * The peer refused (or ignored) a batch: fails every probing batch's pending requests with a
   * refusal. Returns false when no batch was probing (the error answer is someone else's).
   */
  refused(): boolean {
    if (this.state !== 'unknown' || this.#probes.size === 0) return false;
    this.state = 'no';
    const probes = [...this.#probes];
    this.#probes.clear();
    for (const entry of probes) {
      clearTimeout(entry.timer as ReturnType<typeof setTimeout>);
      for (const id of entry.ids) this.#fail(id, batchUnsupported());
      entry.settle('no');
    }
    return true;
  }
}

const REFUSALS = new WeakSet<object>();

/** The error of a batch the peer does not take (`BATCH_UNSUPPORTED`). */
export function batchUnsupported(): ExecutionError {
  const error = new ExecutionError(
    'BATCH_UNSUPPORTED',
    "the peer does not take JSON-RPC batches (it refused one or left it unanswered); send the calls one by one, or set batchUnsupported: 'split'",
    { failureClass: 'semantic_runtime_failed' },
  );
  REFUSALS.add(error);
  return error;
}

/** True for the error a refused probe fails its requests with. */
export function isBatchRefusal(error: unknown): error is ExecutionError {
  return typeof error === 'object' && error !== null && REFUSALS.has(error);
}
