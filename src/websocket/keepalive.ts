/**
 * Ping/pong liveness for one connection. Every `intervalMs` it sends a ping; a ping left
 * unanswered for `pongTimeoutMs` declares the peer gone. While reading is paused for backpressure
 * the pong cannot be read, so the pong deadline is suspended and restarted on resume — a slow
 * consumer is never mistaken for a dead peer.
 */
export class Keepalive {
  #intervalMs: number;
  #pongTimeoutMs: number;
  #sendPing: () => void;
  #onDead: () => void;
  #interval: ReturnType<typeof setInterval> | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #awaiting = false;
  #suspended = false;

  constructor(intervalMs: number, pongTimeoutMs: number, sendPing: () => void, onDead: () => void) {
    this.#intervalMs = intervalMs;
    this.#pongTimeoutMs = pongTimeoutMs;
    this.#sendPing = sendPing;
    this.#onDead = onDead;
  }

  start(): void {
    this.#interval = setInterval(() => this.#tick(), this.#intervalMs);
  }

  stop(): void {
    clearInterval(this.#interval);
    clearTimeout(this.#deadline);
    this.#interval = undefined;
    this.#deadline = undefined;
  }

  /** Any pong proves the peer alive. */
  pong(): void {
    this.#awaiting = false;
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  suspend(): void {
    this.#suspended = true;
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  resume(): void {
    this.#suspended = false;
    if (this.#awaiting && this.#interval) this.#armDeadline();
  }

  #tick(): void {
    if (this.#awaiting) return;
    this.#awaiting = true;
    this.#sendPing();
    if (!this.#suspended) this.#armDeadline();
  }

  #armDeadline(): void {
    clearTimeout(this.#deadline);
    this.#deadline = setTimeout(this.#onDead, this.#pongTimeoutMs);
  }
}
