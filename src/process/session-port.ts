import { invalidOptions } from '../core/index.js';
import type { ChildPort } from './child-port.js';
import { sessionClosed, unsupportedCapability } from './errors.js';

/**
 * The link between a {@link ProcessSession} and the child its lane starts: session methods called
 * before the spawn wait for it; after the exit they reject with `CLOSED`.
 */
export class SessionPort {
  #child: ChildPort | undefined;
  #ended = false;
  #pty: boolean;
  #size: { cols: number; rows: number } | undefined;
  #resolveReady!: (child: ChildPort | undefined) => void;
  /** Resolves with the child once started, `undefined` if it never started. */
  readonly ready: Promise<ChildPort | undefined>;

  constructor(pty: boolean) {
    this.#pty = pty;
    this.ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get ended(): boolean {
    return this.#ended;
  }

  attach(child: ChildPort): void {
    this.#child = child;
    if (this.#size) child.resize(this.#size.cols, this.#size.rows);
    this.#resolveReady(child);
  }

  /** The child ended (or never started). */
  end(): void {
    this.#ended = true;
    this.#resolveReady(undefined);
  }

  /** The started child, waiting for the spawn; rejects with `CLOSED` once the process ended. */
  async use(operation: string): Promise<ChildPort> {
    const child = await this.ready;
    if (!child || this.#ended) throw sessionClosed(operation);
    return child;
  }

  resize(cols: number, rows: number): void {
    for (const [name, value] of [
      ['cols', cols],
      ['rows', rows],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 10_000) {
        throw invalidOptions(name, 'an integer from 1 to 10000', String(value), 'resize()');
      }
    }
    if (!this.#pty) throw unsupportedCapability('resize without a PTY', 'process session');
    if (this.#ended) throw sessionClosed('resize');
    this.#size = { cols, rows };
    this.#child?.resize(cols, rows);
  }
}
