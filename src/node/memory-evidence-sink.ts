import type { Evidence, EvidenceSink } from '../core/index.js';

/** Records a memory sink keeps; past it the oldest are dropped and counted. */
export const DEFAULT_MEMORY_SINK_CAPACITY = 10_000;

/** Options of {@link createMemoryEvidenceSink}. */
export interface MemoryEvidenceSinkOptions {
  /** @defaultValue `'memory'` */
  readonly sinkId?: string | undefined;
  /** @defaultValue {@link DEFAULT_MEMORY_SINK_CAPACITY} */
  readonly capacity?: number | undefined;
}

/** An evidence sink that keeps the newest records in memory. */
export interface MemoryEvidenceSink extends EvidenceSink {
  /** The kept records, oldest first. */
  readonly records: readonly Evidence[];
  /** Records dropped because the sink was full. */
  readonly dropped: number;
  /** Forgets every record. */
  clear(): void;
}

/**
 * An evidence sink that keeps the newest `capacity` records in memory — for tests, demos and
 * inspection, not for durable evidence.
 *
 * @example
 * const sink = createMemoryEvidenceSink();
 * node.registerEvidenceSink(sink);
 * await node.execute(request);
 * sink.records.map((r) => r.evidence_type); // ['admission.accepted', 'target.selected', …]
 */
export function createMemoryEvidenceSink(options: MemoryEvidenceSinkOptions = {}): MemoryEvidenceSink {
  const capacity = options.capacity ?? DEFAULT_MEMORY_SINK_CAPACITY;
  let records: Evidence[] = [];
  let dropped = 0;
  return {
    sinkId: options.sinkId ?? 'memory',
    get records() {
      return records;
    },
    get dropped() {
      return dropped;
    },
    emit(evidence) {
      records.push(evidence);
      if (records.length > capacity) {
        records.shift();
        dropped++;
      }
    },
    clear() {
      records = [];
      dropped = 0;
    },
  };
}
