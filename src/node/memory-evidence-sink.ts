import * as z from 'zod/mini';
import type { EvidenceSink } from '../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../core/contracts/boundary/evidence.js';
import { parseOptions } from '../core/parse-options.js';
import { count } from '../internal/option-schemas.js';

/** Records a memory sink keeps; past it the oldest are dropped and counted. */
export const DEFAULT_MEMORY_SINK_CAPACITY = 10_000;

/** Options of {@link createMemoryEvidenceSink}; every field is optional. */
export interface MemoryEvidenceSinkOptions {
  /**
   * The sink's id (a node keeps one sink per id).
   * @defaultValue `'memory'`
   */
  readonly sinkId?: string | undefined;
  /**
   * Records kept, a count; past it the oldest are dropped and counted in `dropped`.
   * @defaultValue 10_000
   */
  readonly capacity?: number | undefined;
}

const MemorySinkOptionsSchema = z.strictObject({
  sinkId: z._default(z.string().check(z.minLength(1)), 'memory'),
  capacity: z._default(count(100_000_000, 1), DEFAULT_MEMORY_SINK_CAPACITY),
});

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
export function createMemoryEvidenceSink(options?: MemoryEvidenceSinkOptions): MemoryEvidenceSink {
  const { sinkId, capacity } = parseOptions(
    MemorySinkOptionsSchema,
    options ?? {},
    'createMemoryEvidenceSink()',
  );
  let records: Evidence[] = [];
  let dropped = 0;
  return {
    sinkId,
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
