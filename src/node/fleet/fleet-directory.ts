import type { KV } from '@nats-io/kv';
import type { NodeEntry } from './fleet-protocol.js';

/**
 * The client's view of the discovery bucket: the newest entry of every node, and when this client
 * last saw it refreshed — by a bucket update or the node's core-NATS liveness beat — by its own
 * clock, so hosts' clocks need not agree. A node is live while
 * its entry was refreshed within its `heartbeat_ms × missedHeartbeats`; a deleted entry (a node
 * that left) is gone at once, an expired one (a node that died) when the bound passes.
 */
export class FleetDirectory {
  #entries = new Map<string, { entry: NodeEntry; seenAt: number }>();
  #missed: number;
  #loaded: Promise<void>;
  #stop: (() => void) | undefined;

  constructor(kv: KV, missedHeartbeats: number) {
    this.#missed = missedHeartbeats;
    this.#loaded = this.#watch(kv);
  }

  /** Resolves once the bucket's current entries are known. */
  loaded(): Promise<void> {
    return this.#loaded;
  }

  /** Live nodes now. */
  live(now = Date.now()): NodeEntry[] {
    const live: NodeEntry[] = [];
    for (const { entry, seenAt } of this.#entries.values()) {
      if (now - seenAt <= entry.heartbeat_ms * this.#missed) live.push(entry);
    }
    return live;
  }

  /** A liveness beat of `nodeId` arrived (a node not in the bucket yet is ignored until it is). */
  alive(nodeId: string, inFlight: unknown): void {
    const known = this.#entries.get(nodeId);
    if (!known) return;
    const entry = typeof inFlight === 'number' ? { ...known.entry, in_flight: inFlight } : known.entry;
    this.#entries.set(nodeId, { entry, seenAt: Date.now() });
  }

  /** The entry of `nodeId`, live or not. */
  get(nodeId: string): NodeEntry | undefined {
    return this.#entries.get(nodeId)?.entry;
  }

  stop(): void {
    this.#stop?.();
  }

  async #watch(kv: KV): Promise<void> {
    const watcher = await kv.watch();
    this.#stop = () => watcher.stop();
    let markLoaded!: () => void;
    const loaded = new Promise<void>((resolve) => {
      markLoaded = resolve;
    });
    // An empty bucket sends nothing: known at once.
    if ((await kv.status()).values === 0) markLoaded();
    void (async () => {
      for await (const e of watcher) {
        if (e.operation === 'PUT') {
          try {
            const entry = e.json<NodeEntry>();
            const age = Date.now() - e.created.getTime();
            // An old entry from the initial snapshot counts from when it was written, not from now.
            const seenAt = e.isUpdate ? Date.now() : Date.now() - Math.max(0, age);
            this.#entries.set(e.key, { entry, seenAt });
          } catch {
            // Not a node entry: ignored.
          }
        } else this.#entries.delete(e.key);
        if (!e.delta) markLoaded();
      }
    })().catch(() => {});
    await loaded;
  }
}
