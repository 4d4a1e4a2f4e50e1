/**
 * The fleet protocol on NATS. Every message is one JSON object. A node `N` answers requests on
 * `<prefix>.node.N.<op>`; a call's events, heartbeats and result go to the caller's inbox.
 *
 * - `describe` → `NodeDescriptor`; `admit` `{ request }` → verdict; `cancel` `{ execution_ref }` → verdict.
 * - `start` `{ call_id, mode: 'execute'|'stream', request, inbox, timeout_ms? }` → `{ ok: true,
 *   execution_ref? }` (an execution that ends within 50 ms answers `{ ok: true, result }` at once)
 *   or, for a stream the node refused, `{ ok: false, rejection }`. Repeating a
 *   `call_id` answers the same call again (a retry never starts a second execution).
 * - `ctl` (published, no answer): `{ op: 'pull', call_id, credit, acked }` grants credit and
 *   acknowledges frames up to `acked`; `{ op: 'resend', call_id, from }` asks for frames again;
 *   `{ op: 'close' | 'abort' | 'done', call_id }`; `{ op: 'keep', calls: { [call_id]: acked } }`
 *   keeps the caller's calls alive.
 * - inbox frames: `{ n, kind: 'event', event }`, `{ n, kind: 'end', result }` numbered from 1 per
 *   call (a gap is asked for again), and `{ kind: 'hb', sent }` beats every heartbeat.
 */
export const FLEET_OPS = ['describe', 'admit', 'start', 'cancel', 'ctl'] as const;

/** An operation of a node on the fabric. */
export type FleetOp = (typeof FLEET_OPS)[number];

/** The subject of `op` on node `nodeId`. */
export function nodeSubject(prefix: string, nodeId: string, op: FleetOp): string {
  return `${prefix}.node.${nodeId}.${op}`;
}

/**
 * A node's liveness beat, `{ node_id, in_flight }` on `<prefix>.alive.<nodeId>` every heartbeat:
 * core NATS, so a node stays live while JetStream (the bucket) elects a leader after a restart.
 */
export function aliveSubject(prefix: string, nodeId: string): string {
  return `${prefix}.alive.${nodeId}`;
}

/** Subjects of the fleet's evidence: `<prefix>.evidence.<nodeId>`. */
export function evidenceSubject(prefix: string, nodeId: string): string {
  return `${prefix}.evidence.${nodeId}`;
}

/** Header carrying a node's own sequence number of an evidence record. */
export const EVIDENCE_SEQ_HEADER = 'Ep-Node-Seq';

/** A node id usable as one subject token and KV key. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** A verified target as published in the bucket. */
export interface PublishedTarget {
  readonly target_id: string;
  readonly lane_id: string;
  readonly attestation_classes: readonly string[];
  readonly expires_at: string | null;
}

/** One node's entry in the discovery bucket (key: the node id), refreshed every heartbeat. */
export interface NodeEntry {
  readonly node_id: string;
  readonly heartbeat_ms: number;
  readonly in_flight: number;
  readonly registered_lanes: readonly string[];
  readonly targets: readonly PublishedTarget[];
  readonly published_at: string;
}
