import type { Socket } from 'node:net';

/** The limits a {@link ConnectionGuard} keeps on connections that have not authenticated yet. */
export interface GuardLimits {
  /** Unauthenticated connections held at once, from all addresses together. */
  readonly maxPending: number;
  /** Unauthenticated connections held at once from one remote address. */
  readonly maxPendingPerAddress: number;
  /** Milliseconds from TCP accept to an accepted WebSocket (headers, upgrade, authentication). */
  readonly handshakeTimeoutMs: number;
}

/** What a guard has done so far. */
export interface GuardStats {
  /** Unauthenticated connections held now. */
  readonly pending: number;
  /** Refused at accept: their address already held `maxPendingPerAddress`. */
  readonly refused: number;
  /** Dropped to make room when `maxPending` was reached (oldest of the busiest address first). */
  readonly evicted: number;
  /** Dropped because the handshake deadline passed. */
  readonly timedOut: number;
}

interface Pending {
  readonly address: string;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Keeps unauthenticated TCP connections few and short-lived, so idle or slowloris peers cannot
 * exhaust file descriptors before authentication: every accepted socket is pending until it
 * carries an accepted WebSocket, and a pending socket is destroyed when its handshake deadline
 * passes. One address may hold at most `maxPendingPerAddress` (more are refused at once); when
 * `maxPending` are held, a new connection evicts the oldest one of the busiest address, so a
 * flood cannot lock out a client that completes its handshake promptly.
 */
export class ConnectionGuard {
  #limits: GuardLimits;
  // Insertion order is age order: the first entry of an address is its oldest.
  #pending = new Map<Socket, Pending>();
  #perAddress = new Map<string, number>();
  #refused = 0;
  #evicted = 0;
  #timedOut = 0;

  constructor(limits: GuardLimits) {
    this.#limits = limits;
  }

  /** A socket just accepted: held as pending (with its deadline), refused, or let in by eviction. */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    if ((this.#perAddress.get(address) ?? 0) >= this.#limits.maxPendingPerAddress) {
      this.#refused++;
      socket.destroy();
      return;
    }
    if (this.#pending.size >= this.#limits.maxPending) this.#evictOne();
    const timer = setTimeout(() => {
      this.#timedOut++;
      this.#drop(socket);
    }, this.#limits.handshakeTimeoutMs);
    this.#pending.set(socket, { address, timer });
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    socket.once('close', () => this.#forget(socket));
  }

  /** Whether `socket` is still pending (not dropped, not promoted). */
  holds(socket: Socket): boolean {
    return this.#pending.has(socket);
  }

  /** The socket carries an accepted WebSocket: no deadline any more, no longer counted. */
  promote(socket: Socket): void {
    this.#forget(socket);
  }

  /** Destroys every pending socket (the server is closing). */
  close(): void {
    for (const socket of [...this.#pending.keys()]) this.#drop(socket);
  }

  stats(): GuardStats {
    return {
      pending: this.#pending.size,
      refused: this.#refused,
      evicted: this.#evicted,
      timedOut: this.#timedOut,
    };
  }

  #evictOne(): void {
    let busiest = '';
    let most = 0;
    for (const [address, count] of this.#perAddress) {
      if (count > most) [busiest, most] = [address, count];
    }
    for (const [socket, entry] of this.#pending) {
      if (entry.address !== busiest) continue;
      this.#evicted++;
      this.#drop(socket);
      return;
    }
  }

  #drop(socket: Socket): void {
    this.#forget(socket);
    socket.destroy();
  }

  #forget(socket: Socket): void {
    const entry = this.#pending.get(socket);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#pending.delete(socket);
    const left = (this.#perAddress.get(entry.address) ?? 1) - 1;
    if (left === 0) this.#perAddress.delete(entry.address);
    else this.#perAddress.set(entry.address, left);
  }
}
