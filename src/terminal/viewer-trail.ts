import type {
  AttachEndReason,
  Attachment,
  AttachmentEnd,
  AttachmentStart,
} from '../internal/attach-trail.js';

/**
 * The counters of one viewer — input messages and bytes, output bytes — and how it ended: what a
 * node records as `terminal.attached` / `terminal.detached`. Counts only, never content.
 */
export class ViewerTrail implements Attachment {
  readonly start: AttachmentStart;
  readonly ended: Promise<AttachmentEnd>;
  readonly #since = performance.now();
  #inputCount = 0;
  #inputBytes = 0;
  #outputBytes = 0;
  #done = false;
  #resolve!: (end: AttachmentEnd) => void;
  #endViewer: ((reason: 'detach' | 'connection_closed') => void) | undefined;

  constructor(start: AttachmentStart) {
    this.start = start;
    this.ended = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Connects the trail to the viewer it counts for (its `end` detaches that viewer). */
  bind(endViewer: (reason: 'detach' | 'connection_closed') => void): void {
    this.#endViewer = endViewer;
  }

  input(bytes: number): void {
    this.#inputCount++;
    this.#inputBytes += bytes;
  }

  output(bytes: number): void {
    this.#outputBytes += bytes;
  }

  end(reason: 'detach' | 'connection_closed'): void {
    this.#endViewer?.(reason);
  }

  /** Called by the viewer once, as it ends. */
  finish(reason: AttachEndReason, code: string | null, droppedBytes: number): void {
    if (this.#done) return;
    this.#done = true;
    this.#resolve({
      attach_id: this.start.attach_id,
      reason,
      code,
      duration_ms: Math.round(performance.now() - this.#since),
      input_count: this.#inputCount,
      input_bytes: this.#inputBytes,
      output_bytes: this.#outputBytes,
      dropped_bytes: droppedBytes,
    });
  }
}
