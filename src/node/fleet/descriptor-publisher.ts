import type { KV } from '@nats-io/kv';
import type { RuntimeNode } from '../runtime-node.js';
import type { ResolvedFleetConnection } from './fleet-options.js';
import { aliveSubject, type NodeEntry } from './fleet-protocol.js';
import { encodeJson, whenJetStreamReady } from './nats-connect.js';
import type { NatsConnection, NatsModules } from './nats-modules.js';

/**
 * Opens the discovery bucket, creating it when missing: one key per node, history 1, entries
 * expire `heartbeatMs × missedHeartbeats` after their last refresh (the bucket's max age).
 */
export async function openBucket(
  nc: NatsConnection,
  nats: NatsModules,
  options: ResolvedFleetConnection,
): Promise<KV> {
  const kvm = new nats.Kvm(nc);
  try {
    return await kvm.create(options.bucket, {
      history: 1,
      ttl: options.heartbeatMs * options.missedHeartbeats,
      replicas: options.replicas,
    });
  } catch {
    // Created by a node with other settings: bind to it as it is.
    return kvm.open(options.bucket);
  }
}

/**
 * Publishes a node's entry to the discovery bucket every heartbeat (and a core-NATS liveness beat
 * beside it), and removes the entry on stop.
 */
export class DescriptorPublisher {
  #kv: KV;
  #beat: () => void;
  #node: RuntimeNode;
  #nodeId: string;
  #heartbeatMs: number;
  #inFlight: () => number;
  #timer: ReturnType<typeof setInterval>;

  private constructor(
    kv: KV,
    beat: () => void,
    node: RuntimeNode,
    nodeId: string,
    heartbeatMs: number,
    inFlight: () => number,
  ) {
    this.#kv = kv;
    this.#beat = beat;
    this.#node = node;
    this.#nodeId = nodeId;
    this.#heartbeatMs = heartbeatMs;
    this.#inFlight = inFlight;
    this.#timer = setInterval(() => {
      this.#beat();
      void this.publish().catch(() => {});
    }, heartbeatMs);
    this.#timer.unref();
  }

  static async start(
    nc: NatsConnection,
    nats: NatsModules,
    options: ResolvedFleetConnection,
    nodeId: string,
    node: RuntimeNode,
    inFlight: () => number,
  ): Promise<DescriptorPublisher> {
    const kv = await whenJetStreamReady(() => openBucket(nc, nats, options));
    const subject = aliveSubject(options.subjectPrefix, nodeId);
    const beat = () => {
      try {
        nc.publish(subject, encodeJson({ node_id: nodeId, in_flight: inFlight() }));
      } catch {
        // Closed: the node is leaving.
      }
    };
    return new DescriptorPublisher(kv, beat, node, nodeId, options.heartbeatMs, inFlight);
  }

  /** Puts the node's current entry (targets as verified now, in-flight calls). */
  async publish(): Promise<void> {
    await this.#kv.put(
      this.#nodeId,
      encodeJson(await entryOf(this.#node, this.#nodeId, this.#heartbeatMs, this.#inFlight())),
    );
  }

  /** Stops refreshing and removes the entry (clients stop routing here at once). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#kv.delete(this.#nodeId).catch(() => {});
  }
}

async function entryOf(
  node: RuntimeNode,
  nodeId: string,
  heartbeatMs: number,
  inFlight: number,
): Promise<NodeEntry> {
  const descriptor = await node.describe();
  return {
    node_id: nodeId,
    heartbeat_ms: heartbeatMs,
    in_flight: inFlight,
    registered_lanes: descriptor.registered_lanes.map((lane) =>
      String((lane as { lane_id?: unknown } | null)?.lane_id ?? lane),
    ),
    targets: (descriptor.verified_targets ?? []).map((t) => ({
      target_id: t.target_id,
      lane_id: t.lane_id,
      attestation_classes: [...t.attested_capability_classes],
      expires_at: t.expires_at ?? null,
    })),
    published_at: new Date().toISOString(),
  };
}
