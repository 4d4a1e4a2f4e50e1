import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { EvidenceSink } from '../../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../../core/contracts/boundary/evidence.js';
import { canonicalJson } from '../../core/contracts/primitives/canonical-json.js';
import { EVIDENCE_SEQ_HEADER, evidenceSubject } from './fleet-protocol.js';
import type { NatsModules } from './nats-modules.js';

// Records published before their acknowledgements are awaited.
const BATCH = 256;
// Retry waits while the fabric is away (a record is never given up while the sink is open).
const RETRY_MS = [50, 100, 250, 500, 1_000] as const;
// How long a stream keeps evidence ids to refuse duplicates.
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;

// Each sink numbers its records from a start time of its own, later than any earlier sink of this
// process, so records of a sink created again for the same node sort after the earlier ones.
let lastEpoch = 0;
function nextEpoch(): number {
  lastEpoch = Math.max(Date.now(), lastEpoch + 1);
  return lastEpoch;
}

/** Counters of the JetStream sink. */
export interface JetStreamSinkStats {
  readonly published: number;
  readonly duplicates: number;
  readonly retries: number;
  readonly backlog: number;
}

/**
 * Creates the evidence stream unless it exists: subjects `<prefix>.evidence.>`, file storage, a
 * ten-minute duplicate window so a re-sent evidence id is stored once.
 */
export async function ensureEvidenceStream(
  jsm: JetStreamManager,
  name: string,
  prefix: string,
  replicas: number,
): Promise<void> {
  try {
    await jsm.streams.info(name);
    return;
  } catch {
    // Missing: create it below (another node may win the race; that is fine).
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [`${prefix}.evidence.>`],
      storage: 'file' as never,
      num_replicas: replicas,
      duplicate_window: DUPLICATE_WINDOW_NS,
    });
  } catch (error) {
    if (!/already in use|exists/i.test(String((error as Error)?.message))) throw error;
  }
}

/**
 * An evidence sink publishing each record to the fleet's JetStream stream on
 * `<prefix>.evidence.<nodeId>`, with `Nats-Msg-Id` = `<nodeId>.<evidence id>` (JetStream stores a
 * re-sent record once; evidence ids alone are unique per node process only) and the node's own emission number in `Ep-Node-Seq` (`<sink start ms>.<n>`; the reader orders
 * by it). It
 * takes records at once into an ordered backlog and publishes them in pipelined batches; a batch
 * that fails (the fabric is reconnecting) is re-sent from its first unacknowledged record until it
 * is stored, so a record is never lost and never duplicated while the sink is open. `emit`
 * returns a promise only when the backlog is over `capacity` (the node then waits, bounded).
 */
export class JetStreamEvidenceSink implements EvidenceSink {
  readonly sinkId: string;
  #js: JetStreamClient;
  #nats: NatsModules;
  #subject: string;
  #nodeId: string;
  #capacity: number;
  #backlog: Array<{ seq: number; record: Evidence }> = [];
  #seq = 0;
  #epoch = nextEpoch();
  #running: Promise<void> | undefined;
  #closed = false;
  #published = 0;
  #duplicates = 0;
  #retries = 0;
  #roomWaiters: Array<() => void> = [];

  constructor(js: JetStreamClient, nats: NatsModules, prefix: string, nodeId: string, capacity: number) {
    this.sinkId = `jetstream:${nodeId}`;
    this.#js = js;
    this.#nats = nats;
    this.#subject = evidenceSubject(prefix, nodeId);
    this.#nodeId = nodeId;
    this.#capacity = capacity;
  }

  emit(evidence: Evidence): undefined | Promise<void> {
    if (this.#closed) throw new Error(`evidence sink ${this.sinkId} is closed`);
    this.#backlog.push({ seq: ++this.#seq, record: evidence });
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
    if (this.#backlog.length <= this.#capacity) return undefined;
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  /** Resolves once every record taken so far is stored in the stream. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops taking records; waits (up to `graceMs`) for the backlog to be stored. */
  async close(graceMs = 5_000): Promise<void> {
    this.#closed = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.flush(), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
  }

  stats(): JetStreamSinkStats {
    return {
      published: this.#published,
      duplicates: this.#duplicates,
      retries: this.#retries,
      backlog: this.#backlog.length,
    };
  }

  async #drain(): Promise<void> {
    let attempt = 0;
    while (this.#backlog.length > 0) {
      const batch = this.#backlog.slice(0, BATCH);
      const acks = await Promise.allSettled(batch.map((item) => this.#publish(item.seq, item.record)));
      // Records up to the first failure are stored; the rest go again (dedup drops any that landed).
      let stored = 0;
      for (const ack of acks) {
        if (ack.status !== 'fulfilled') break;
        stored++;
        if (ack.value) this.#duplicates++;
      }
      this.#backlog.splice(0, stored);
      this.#published += stored;
      if (stored < batch.length) {
        this.#retries++;
        if (this.#closed && attempt > RETRY_MS.length * 4) return;
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]));
      } else attempt = 0;
      if (this.#backlog.length <= this.#capacity) {
        for (const wake of this.#roomWaiters.splice(0)) wake();
      }
    }
  }

  async #publish(seq: number, record: Evidence): Promise<boolean> {
    const h = this.#nats.headers();
    h.set(EVIDENCE_SEQ_HEADER, `${this.#epoch}.${seq}`);
    const ack = await this.#js.publish(this.#subject, canonicalJson(record), {
      // Evidence ids are unique per node process, not per fleet: the node id makes them so.
      msgID: `${this.#nodeId}.${record.evidence_id}`,
      headers: h,
      timeout: 5_000,
    });
    return ack.duplicate;
  }
}
