/**
 * A table for keys that come and go at a high rate (execution refs, request ids): open addressing
 * with linear probing in plain arrays, a removed entry's slots cleared at once.
 *
 * Why not a `Map`: when V8 rehashes a Map (it does so as deleted entries pile up), the outgrown
 * table keeps the entries it held and a link to its successor, for iterators still walking it.
 * Once one such table reaches the old generation, the chain of its successors, and every value
 * they held when they were outgrown, stays reachable to the young-generation collector until the
 * next full collection. With each in-flight execution (and through it its whole object graph) in a
 * Map for a moment, most executions were copied and promoted instead of dying young: hundreds of
 * MB per node bench run, garbage collection a third of a governed execution's CPU time, in runs
 * where the chain had started (not in every run: a run that never promoted a table stayed fast).
 * Here a removed entry's slots are cleared at once, and a table outgrown by growth is plain
 * garbage.
 *
 * Numbers hash to themselves (sequential ids spread perfectly); strings through FNV-1a with a
 * random seed per process, so keys chosen by a peer cannot be aimed at one probe run. A string's
 * hash costs a pass over it: a caller that keeps a key can keep its {@link ChurnTable.hash} too
 * and hand it to every call.
 */

const SEED = ((Math.random() * 0x7fffffff) | 0) ^ 0x811c9dc5;

export class ChurnTable<K extends string | number, V> {
  #keys: (K | undefined)[];
  #values: (V | undefined)[];
  #hashes: number[];
  // Insertion order for `values()`, as a Map would give it.
  #order: number[];
  #mask: number;
  #size = 0;
  #added = 0;

  /** The hash every ChurnTable of this process gives `key`. */
  static hash(key: string | number): number {
    if (typeof key === 'number') return key | 0;
    let hash = SEED ^ key.length;
    // Two UTF-16 units a step: half the multiplications of FNV-1a's one per unit.
    const last = key.length - 1;
    for (let i = 0; i < last; i += 2) {
      hash = Math.imul(hash ^ (key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16)), 0x01000193);
    }
    if ((key.length & 1) === 1) hash = Math.imul(hash ^ key.charCodeAt(last), 0x01000193);
    return hash ^ (hash >>> 15);
  }

  /** `capacity`: slots to start with (a power of two; the table doubles when half full). */
  constructor(capacity = 16) {
    this.#keys = new Array<K | undefined>(capacity).fill(undefined);
    this.#values = new Array<V | undefined>(capacity).fill(undefined);
    this.#hashes = new Array<number>(capacity).fill(0);
    this.#order = new Array<number>(capacity).fill(0);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#size;
  }

  get(key: K, hash = ChurnTable.hash(key)): V | undefined {
    const slot = this.#find(key, hash);
    return slot < 0 ? undefined : this.#values[slot];
  }

  /** Adds or replaces the value of `key`. */
  set(key: K, value: V, hash = ChurnTable.hash(key)): void {
    let slot = this.#find(key, hash);
    if (slot >= 0) {
      this.#values[slot] = value;
      return;
    }
    if ((this.#size + 1) * 2 > this.#keys.length) {
      this.#grow();
      slot = this.#find(key, hash);
    }
    // Not found: `~slot` is the free slot that ended the probe run.
    slot = ~slot;
    this.#keys[slot] = key;
    this.#values[slot] = value;
    this.#hashes[slot] = hash;
    this.#order[slot] = this.#added++;
    this.#size++;
  }

  /** Removes `key`; false when it was not there. */
  delete(key: K, hash = ChurnTable.hash(key)): boolean {
    return this.#remove(this.#find(key, hash));
  }

  /** Removes `key` only while it maps to `value` (one lookup, not a get and a delete). */
  deleteIf(key: K, value: V, hash = ChurnTable.hash(key)): boolean {
    const slot = this.#find(key, hash);
    return slot >= 0 && this.#values[slot] === value && this.#remove(slot);
  }

  #remove(slot: number): boolean {
    if (slot < 0) return false;
    this.#clear(slot);
    this.#size--;
    // Backward shift: entries of the probe run after the hole move up, so no tombstones remain.
    const mask = this.#mask;
    for (let next = (slot + 1) & mask; this.#keys[next] !== undefined; next = (next + 1) & mask) {
      const home = (this.#hashes[next] as number) & mask;
      // `next` stays when its home lies cyclically in (slot, next].
      const stays = slot <= next ? slot < home && home <= next : slot < home || home <= next;
      if (stays) continue;
      this.#keys[slot] = this.#keys[next];
      this.#values[slot] = this.#values[next];
      this.#hashes[slot] = this.#hashes[next] as number;
      this.#order[slot] = this.#order[next] as number;
      this.#clear(next);
      slot = next;
    }
    return true;
  }

  /** The values, oldest first. */
  values(): V[] {
    const slots: number[] = [];
    for (let i = 0; i < this.#keys.length; i++) if (this.#keys[i] !== undefined) slots.push(i);
    slots.sort((a, b) => (this.#order[a] as number) - (this.#order[b] as number));
    return slots.map((slot) => this.#values[slot] as V);
  }

  // The slot holding `key`, else `~slot` of the free slot where its probe run ends. Hashes are
  // compared first: refs made in the same millisecond share their first twenty characters.
  #find(key: K, hash: number): number {
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = this.#keys[slot];
      if (found === undefined) return ~slot;
      if (this.#hashes[slot] === hash && found === key) return slot;
    }
  }

  #place(key: K, value: V, hash: number, order: number): void {
    const mask = this.#mask;
    let slot = hash & mask;
    while (this.#keys[slot] !== undefined) slot = (slot + 1) & mask;
    this.#keys[slot] = key;
    this.#values[slot] = value;
    this.#hashes[slot] = hash;
    this.#order[slot] = order;
  }

  #clear(slot: number): void {
    this.#keys[slot] = undefined;
    this.#values[slot] = undefined;
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    const hashes = this.#hashes;
    const order = this.#order;
    const capacity = keys.length * 2;
    this.#keys = new Array<K | undefined>(capacity).fill(undefined);
    this.#values = new Array<V | undefined>(capacity).fill(undefined);
    this.#hashes = new Array<number>(capacity).fill(0);
    this.#order = new Array<number>(capacity).fill(0);
    this.#mask = capacity - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key !== undefined) this.#place(key, values[i] as V, hashes[i] as number, order[i] as number);
    }
  }
}
