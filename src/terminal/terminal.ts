import type { OperatorTerminalSurfaceV1 } from '../core/contracts/v1/operator-terminal-surface-v1.js';
import { ExecutionError, invalidOptions } from '../core/errors.js';
import type { OutcomeStatus } from '../core/outcome.js';
import { sessionEndedError } from '../core/session.js';
import {
  type Attachment,
  type AttachVia,
  defineTerminalPort,
  type PortAttachOptions,
  type TerminalPort,
  terminalPortOf,
} from '../internal/attach-trail.js';
import { unguessableId } from '../internal/ids.js';
import type { TerminalBackend, TerminalOutcome } from './backend.js';
import { ByteRing } from './byte-ring.js';
import { checkAttachGrant, revokedGrantRef } from './grants.js';
import type { AsciicastRecorder } from './recorder.js';
import { unregisterTerminal } from './registry.js';
import type { TerminalTransport } from './transport.js';
import { TerminalViewer, type ViewerHost, type ViewerMode } from './viewer.js';
import { ViewerTrail } from './viewer-trail.js';

/** A snapshot of a terminal for operators and registries (snake_case, JSON-safe). */
export interface TerminalInfo {
  readonly terminal_id: string;
  readonly execution_ref: string;
  /** The program, or `null` for an in-process app. */
  readonly command: string | null;
  readonly args: readonly string[];
  readonly pid: number | null;
  readonly cols: number;
  readonly rows: number;
  readonly status: 'running' | OutcomeStatus;
  readonly viewers: number;
  readonly controllers: number;
  readonly scrollback_bytes: number;
  readonly started_at: string;
  /** Where it can be reached: one `operator_terminal_surface.v1` per transport. */
  readonly surfaces: readonly OperatorTerminalSurfaceV1[];
}

/** Options of {@link Terminal.attach}. */
export interface AttachOptions {
  /**
   * Start the viewer with the scrollback, then live output; `false` for live output only.
   * @defaultValue true
   */
  readonly replay?: boolean | undefined;
  /**
   * `control` types and resizes; `view` only watches (the terminal's owner types with
   * `terminal.write`). At most `maxControllers` control viewers (`CONTROLLER_TAKEN` past it).
   * @defaultValue `'view'`
   */
  readonly mode?: ViewerMode | undefined;
  /**
   * An `ExecutionPlane.AttachGrant.v1` (JSON). Required when the terminal has `requireGrant`;
   * checked on attach (actor, scope `terminal://<id>`, capabilities, expiry, revocation).
   * @defaultValue none
   */
  readonly grant?: unknown;
}

/** @internal What openTerminal hands a terminal. */
export interface TerminalInit {
  readonly id: string;
  readonly command: string | null;
  readonly args: readonly string[];
  readonly backend: TerminalBackend;
  readonly cols: number;
  readonly rows: number;
  readonly scrollbackBytes: number;
  readonly viewerBufferBytes: number;
  readonly maxViewers: number;
  readonly maxControllers: number;
  readonly inputBytesPerSecond: number;
  readonly requireGrant: boolean;
  readonly recorder: AsciicastRecorder | undefined;
}

const MAX_SIZE = 10_000;

/** @internal `terminal.attach()` by one of the terminal's own transports, named in the trail. */
export function attachThrough(
  terminal: Terminal,
  options: AttachOptions,
  transport: 'ssh' | 'web' | 'local',
): TerminalViewer {
  const port = terminalPortOf<TerminalViewer>(terminal) as TerminalPort<TerminalViewer>;
  return port.attach(options, { transport, principal: null }).viewer;
}

/**
 * An operator terminal: a program on a PTY or an in-process app, which viewers attach to and
 * detach from while it runs, reached in process or through its transports (SSH, WebSocket and a
 * browser page, the local TTY). Output goes to a bounded scrollback, to every viewer and to the
 * recording; nobody watching never stalls the program, and neither does a slow viewer. When the
 * program or app quits, every viewer and transport ends and it leaves the registry — nothing
 * restarts it. It follows the session contract: `ready()`, a graceful idempotent `close()`,
 * `await using`, and calls after the end reject with `SESSION_ENDED` whose `cause` is the reason.
 *
 * @example
 * await using terminal = openTerminal('bash', [], { id: 'ops' });
 * await terminal.ready();
 * await terminal.write('echo hi\r');
 */
export class Terminal implements AsyncDisposable {
  readonly id: string;
  readonly #init: TerminalInit;
  readonly #backend: TerminalBackend;
  readonly #scrollback: ByteRing;
  readonly #viewers = new Set<TerminalViewer>();
  readonly #revoked = new Set<string>();
  readonly #transports: TerminalTransport[] = [];
  readonly #starting: Promise<void>[] = [];
  readonly #startedAt = new Date().toISOString();
  readonly #pumped: Promise<void>;
  readonly #host: ViewerHost;
  readonly #observers: Array<(attachment: Attachment) => void> = [];
  #cols: number;
  #rows: number;
  #outcome: TerminalOutcome | undefined;
  #closing: Promise<TerminalOutcome> | undefined;

  /** @internal Use `openTerminal()`. */
  constructor(init: TerminalInit) {
    this.id = init.id;
    this.#init = init;
    this.#backend = init.backend;
    this.#cols = init.cols;
    this.#rows = init.rows;
    this.#scrollback = new ByteRing(init.scrollbackBytes);
    this.#host = {
      input: (data) => this.write(data),
      resize: (cols, rows) => this.resize(cols, rows),
      detached: (viewer) => this.#viewers.delete(viewer),
    };
    this.#pumped = this.#pump();
    defineTerminalPort(this, {
      attach: (options, via) => this.#attach(options, via),
      observe: (observer) => this.#observers.push(observer),
    });
  }

  /** The execution ref of the program or app. */
  get ref(): string {
    return this.#backend.ref;
  }

  /** The program's pid once spawned; `undefined` for an app. */
  get pid(): number | undefined {
    return this.#backend.pid;
  }

  /** `running` until the program or app ends, then its outcome status. */
  get status(): 'running' | OutcomeStatus {
    return this.#backend.status;
  }

  /** Width in columns. */
  get cols(): number {
    return this.#cols;
  }

  /** Height in rows. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Resolves once the program runs and every transport listens; rejects with `SESSION_ENDED`
   * (cause: why) if it never started, or with the transport's error (`LISTEN_FAILED`,
   * `PEER_DEPENDENCY_MISSING` …), in which case the terminal is closed.
   */
  async ready(): Promise<void> {
    await this.#backend.ready();
    await Promise.all(this.#starting);
  }

  /** The outcome (never rejects); resolves after every viewer and transport has ended. */
  get result(): Promise<TerminalOutcome> {
    return this.#pumped.then(() => this.#backend.result);
  }

  /**
   * The bound TCP port of its SSH transport (or else its WebSocket transport), once `ready()`;
   * `undefined` when it has none. Pass the surface kind to choose.
   */
  port(kind?: 'ssh_terminal' | 'distributed_terminal'): number | undefined {
    for (const wanted of kind ? [kind] : (['ssh_terminal', 'distributed_terminal'] as const)) {
      const transport = this.#transports.find((t) => t.surface().surface_kind === wanted);
      if (transport) return transport.port;
    }
    return undefined;
  }

  /**
   * Attaches a viewer. With `replay` (the default) it first receives the scrollback, then live
   * output. Throws `LIMIT_EXCEEDED` past `maxViewers`, `CONTROLLER_TAKEN` past `maxControllers`,
   * `ATTACH_FORBIDDEN` / `ATTACH_REVOKED` for a missing or bad grant when `requireGrant`, and
   * `SESSION_ENDED` once the terminal ended.
   */
  attach(options: AttachOptions = {}): TerminalViewer {
    return this.#attach(options, { transport: 'in_process', principal: null }).viewer;
  }

  #attach(options: PortAttachOptions, via: AttachVia): { viewer: TerminalViewer; attachment: Attachment } {
    if (this.#outcome) throw sessionEndedError('attach()', this.#outcome);
    const mode = options.mode ?? 'view';
    if (mode !== 'control' && mode !== 'view')
      throw invalidOptions('mode', "'control' or 'view'", String(mode), 'attach()');
    const grantRef =
      this.#init.requireGrant || options.grant !== undefined
        ? checkAttachGrant(options.grant, this.id, mode, this.#revoked)
        : undefined;
    if (this.#viewers.size >= this.#init.maxViewers) {
      throw new ExecutionError(
        'LIMIT_EXCEEDED',
        `terminal ${this.id} already has ${this.#init.maxViewers} viewers`,
        {
          details: { limit: this.#init.maxViewers },
        },
      );
    }
    if (mode === 'control' && this.#controllers() >= this.#init.maxControllers) {
      throw new ExecutionError(
        'CONTROLLER_TAKEN',
        `terminal ${this.id} already has ${this.#init.maxControllers} controlling viewer(s); attach with mode 'view'`,
        { details: { limit: this.#init.maxControllers } },
      );
    }
    const trail = new ViewerTrail({
      terminal_id: this.id,
      attach_id: via.attachId ?? unguessableId('attach'),
      mode,
      grant_ref: grantRef ?? null,
      transport: via.transport,
      principal: via.principal,
      attached_at: new Date().toISOString(),
    });
    const viewer = new TerminalViewer({
      mode,
      bufferBytes: this.#init.viewerBufferBytes,
      initial: options.replay === false ? [] : this.#scrollback.chunks(),
      inputBytesPerSecond: this.#init.inputBytesPerSecond,
      grantRef,
      host: this.#host,
      trail,
    });
    this.#viewers.add(viewer);
    for (const observer of this.#observers) observer(trail);
    return { viewer, attachment: trail };
  }

  /**
   * Applies a `StreamAttachRevocation.v1`: every viewer attached with its `attach_grant_ref` is
   * detached at once (its `endReason` is `ATTACH_REVOKED`) and the grant is refused from now on.
   * Resolves with how many viewers it detached.
   */
  revoke(revocation: unknown): number {
    const ref = revokedGrantRef(revocation);
    this.#revoked.add(ref);
    let detached = 0;
    for (const viewer of [...this.#viewers]) {
      if (viewer.grantRef !== ref) continue;
      this.#viewers.delete(viewer);
      viewer.end(
        new ExecutionError('ATTACH_REVOKED', `detached: grant ${ref} was revoked`, {
          details: { attach_grant_ref: ref },
        }),
      );
      detached++;
    }
    return detached;
  }

  /** Types into the terminal (keystrokes: `\r` is Enter); rejects with `SESSION_ENDED` once it ended. */
  async write(data: string): Promise<void> {
    await this.#backend.write(data);
    this.#init.recorder?.input(data);
  }

  /** Resizes the terminal (1–10 000 each way); the program gets SIGWINCH, an app its resize event. */
  async resize(cols: number, rows: number): Promise<void> {
    for (const [name, value] of [
      ['cols', cols],
      ['rows', rows],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > MAX_SIZE)
        throw invalidOptions(name, `an integer from 1 to ${MAX_SIZE}`, String(value), 'resize()');
    }
    await this.#backend.resize(cols, rows);
    this.#cols = cols;
    this.#rows = rows;
    this.#init.recorder?.resize(cols, rows);
  }

  /** Sends Ctrl-C. */
  interrupt(): Promise<void> {
    return this.#backend.interrupt();
  }

  /**
   * Ends the program (Ctrl-D, then the kill ladder after `graceMs`) or the app (its signal aborts;
   * cancelled after `graceMs`), stops every transport, and resolves with the outcome once every
   * viewer has ended. Idempotent; never rejects for a failure.
   */
  close(options: { readonly graceMs?: number | undefined } = {}): Promise<TerminalOutcome> {
    this.#closing ??= (async () => {
      await this.#backend.close(options.graceMs);
      return this.result;
    })();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** A JSON-safe snapshot. */
  info(): TerminalInfo {
    return {
      terminal_id: this.id,
      execution_ref: this.ref,
      command: this.#init.command,
      args: this.#init.args,
      pid: this.pid ?? null,
      cols: this.#cols,
      rows: this.#rows,
      status: this.status,
      viewers: this.#viewers.size,
      controllers: this.#controllers(),
      scrollback_bytes: this.#scrollback.bytes,
      started_at: this.#startedAt,
      surfaces: this.#transports.map((t) => t.surface()),
    };
  }

  /** @internal Adds a transport as it starts; a failed start closes the terminal. */
  addTransport(starting: Promise<TerminalTransport>): void {
    const added = starting.then(
      async (transport) => {
        this.#transports.push(transport);
        if (this.#outcome || this.#closing) await transport.close();
      },
      (error: unknown) => {
        // Not awaited: the close waits for every transport start, this one included.
        void this.close({ graceMs: 0 });
        throw error;
      },
    );
    added.catch(() => {});
    this.#starting.push(added);
  }

  #controllers(): number {
    let n = 0;
    for (const viewer of this.#viewers) if (viewer.mode === 'control') n++;
    return n;
  }

  // The terminal is the backend's one consumer: output fans out without ever waiting on viewers.
  async #pump(): Promise<void> {
    try {
      for await (const data of this.#backend.output) {
        this.#scrollback.push(data);
        this.#init.recorder?.output(data);
        for (const viewer of this.#viewers) viewer.deliver(data);
      }
    } finally {
      this.#outcome = await this.#backend.result;
      for (const viewer of this.#viewers) viewer.end();
      this.#viewers.clear();
      unregisterTerminal(this);
      await Promise.allSettled(this.#starting);
      await Promise.allSettled(this.#transports.map((t) => t.close()));
      await this.#init.recorder?.close();
    }
  }
}
