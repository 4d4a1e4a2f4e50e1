import type { Attachment } from '../internal/attach-trail.js';
import { terminalPortOf } from '../internal/attach-trail.js';
import type { Terminal } from '../terminal/index.js';
import { fingerprintSync } from './fingerprint-sync.js';

/** The terminal evidence types (see {@link TerminalTrail}). */
export type TerminalEvidenceType =
  | 'terminal.opened'
  | 'terminal.attached'
  | 'terminal.detached'
  | 'terminal.stopped';

/** Emits one terminal record with the terminal's execution ref as its context. */
export type EmitTerminalEvidence = (
  type: TerminalEvidenceType,
  executionRef: string,
  payload: Record<string, unknown>,
) => void;

/**
 * A node's attach / detach / input-count trail of the terminals it hosts: `terminal.attached` when
 * an attachment starts, `terminal.detached` (counts, duration, why) when it ends; for a terminal
 * the node opened, `terminal.opened`, every attachment through any transport (the node's methods
 * and in-process `attach()` alike) and `terminal.stopped`. Counts and ids only: input and output
 * content never reach it.
 */
export class TerminalTrail {
  readonly #emit: EmitTerminalEvidence;
  // One attachment can reach the trail twice (watched terminal, attached through the node).
  readonly #followed = new WeakSet<Attachment>();

  constructor(emit: EmitTerminalEvidence) {
    this.#emit = emit;
  }

  /** Records `attachment` of the terminal whose execution ref is `executionRef`. */
  follow(attachment: Attachment, executionRef: string): void {
    if (this.#followed.has(attachment)) return;
    this.#followed.add(attachment);
    this.#emit('terminal.attached', executionRef, { ...attachment.start });
    void attachment.ended.then((end) =>
      this.#emit('terminal.detached', executionRef, { terminal_id: attachment.start.terminal_id, ...end }),
    );
  }

  /**
   * A terminal the node opened for `principal`: `terminal.opened` now (what was launched only as
   * a fingerprint: argv and env may hold secrets), every later attachment, `terminal.stopped`.
   */
  watch(terminal: Terminal, principal: string, launch: unknown): void {
    const ref = terminal.ref;
    const info = terminal.info();
    this.#emit('terminal.opened', ref, {
      terminal_id: terminal.id,
      principal,
      pid: info.pid,
      cols: info.cols,
      rows: info.rows,
      launch_fingerprint: fingerprintSync(launch),
    });
    terminalPortOf(terminal)?.observe((attachment) => this.follow(attachment, ref));
    void terminal.result.then((outcome) =>
      this.#emit('terminal.stopped', ref, {
        terminal_id: terminal.id,
        status: outcome.status,
        code: outcome.failure?.code ?? null,
        duration_ms: outcome.metrics.duration_ms,
      }),
    );
  }
}

// A registered symbol, not a public method: the trail is for the node's own server.
const TRAIL = Symbol.for('execution-plane.node.terminalTrail');

/** Installs the node's terminal trail (called by the node on itself). */
export function defineTerminalTrail(node: object, trail: TerminalTrail): void {
  Object.defineProperty(node, TRAIL, { value: trail });
}

/** The terminal trail of `node`, or `undefined` for a `RuntimeNode` of your own (no trail). */
export function terminalTrailOf(node: object): TerminalTrail | undefined {
  return (node as { [TRAIL]?: TerminalTrail })[TRAIL];
}
