import type { Evidence } from '../../core/contracts/boundary/evidence.js';
import { EVIDENCE_SEQ_HEADER } from './fleet-protocol.js';
import { decodeJson } from './nats-connect.js';
import type { NatsConnection, NatsModules } from './nats-modules.js';

// Records fetched per pull.
const FETCH = 1_000;
// Empty fetches in a row after which the reader stops (the stream had nothing more).
const EMPTY_LIMIT = 3;

interface Stored {
  readonly node: string;
  /** `Ep-Node-Seq`: the sink's start time and the record's number in it. */
  readonly epoch: number;
  readonly nodeSeq: number;
  readonly streamSeq: number;
  readonly record: Evidence;
}

/**
 * Reads the evidence stream from its start to its end as it is now, with an ordered consumer, and
 * groups the records by `execution_ref` (`''` for records without one). Within a group, records
 * of one node are in that node's emission order (`Ep-Node-Seq`: sink start, then number), so a batch re-sent after a
 * reconnect never reorders an execution; records of different nodes keep the stream's order.
 */
export async function readFleetEvidence(
  nc: NatsConnection,
  nats: NatsModules,
  stream: string,
  prefix: string,
  executionRef: string | undefined,
): Promise<Map<string, Evidence[]>> {
  const js = nats.jetstream(nc);
  const consumer = await js.consumers.get(stream, { filter_subjects: `${prefix}.evidence.>` });
  let pending = (await consumer.info()).num_pending;
  const stored: Stored[] = [];
  let empty = 0;
  while (pending > 0 && empty < EMPTY_LIMIT) {
    const batch = await consumer.fetch({ max_messages: Math.min(pending, FETCH), expires: 2_000 });
    let got = 0;
    for await (const m of batch) {
      got++;
      pending = m.info.pending;
      const record = decodeJson(m.data) as unknown as Evidence;
      if (executionRef === undefined || record.execution_ref === executionRef) {
        const [epoch = 0, nodeSeq = 0] = (m.headers?.get(EVIDENCE_SEQ_HEADER) ?? '').split('.').map(Number);
        stored.push({
          node: m.subject.slice(m.subject.lastIndexOf('.') + 1),
          epoch,
          nodeSeq,
          streamSeq: m.seq,
          record,
        });
      }
      if (pending === 0) break;
    }
    empty = got === 0 ? empty + 1 : 0;
  }
  const groups = new Map<string, Stored[]>();
  for (const s of stored) {
    const key = s.record.execution_ref ?? '';
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const out = new Map<string, Evidence[]>();
  for (const [key, group] of groups) {
    group.sort((a, b) =>
      a.node === b.node ? a.epoch - b.epoch || a.nodeSeq - b.nodeSeq : a.streamSeq - b.streamSeq,
    );
    out.set(
      key,
      group.map((s) => s.record),
    );
  }
  return out;
}
