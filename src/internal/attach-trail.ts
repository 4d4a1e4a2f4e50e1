/**
 * The attach / detach trail of a terminal, shared by the terminal (which counts) and the node
 * (which records it as evidence) — neither imports the other, so both read it through this port.
 * Counts and ids only: no input or output content ever enters a trail.
 */

/** How an attachment reached the terminal. */
export type AttachTransport = 'node' | 'ssh' | 'web' | 'local' | 'in_process';

/**
 * Why an attachment ended: its holder detached, its grant was revoked, the terminal ended, or the
 * connection carrying it closed.
 */
export type AttachEndReason = 'detach' | 'revoked' | 'terminal_ended' | 'connection_closed';

/** Who attaches, and through what. */
export interface AttachVia {
  readonly transport: AttachTransport;
  /** The authenticated principal (the node's name for the connection); `null`: none named. */
  readonly principal: string | null;
  /** The id the transport gives the attachment (the node's `attach_id`); else one is minted. */
  readonly attachId?: string | undefined;
}

/** The facts of an attachment when it starts (snake_case: they go into evidence as they are). */
export interface AttachmentStart {
  readonly terminal_id: string;
  readonly attach_id: string;
  readonly mode: 'control' | 'view';
  /** The `attach_grant_ref` of the grant presented, never any other part of the grant. */
  readonly grant_ref: string | null;
  readonly transport: AttachTransport;
  readonly principal: string | null;
  readonly attached_at: string;
}

/** The facts of an attachment when it ends. Counts only, never content. */
export interface AttachmentEnd {
  readonly attach_id: string;
  readonly reason: AttachEndReason;
  /** The end's error code (`ATTACH_REVOKED`), else `null`. */
  readonly code: string | null;
  readonly duration_ms: number;
  /** Input messages the terminal took from this attachment (refused ones not counted). */
  readonly input_count: number;
  readonly input_bytes: number;
  /** Output bytes given to the attachment (its scrollback replay included). */
  readonly output_bytes: number;
  /** Of those, the bytes it lost by reading too slowly. */
  readonly dropped_bytes: number;
}

/** One attachment as its observers see it. */
export interface Attachment {
  readonly start: AttachmentStart;
  /** Resolves once the attachment ended; never rejects. */
  readonly ended: Promise<AttachmentEnd>;
  /** Ends the attachment for `reason` (no-op once ended). */
  end(reason: 'detach' | 'connection_closed'): void;
}

/** The options a port attach takes (the public `AttachOptions`). */
export interface PortAttachOptions {
  readonly mode?: 'control' | 'view' | undefined;
  readonly replay?: boolean | undefined;
  readonly grant?: unknown;
}

/** What a terminal offers its host beyond its public API. */
export interface TerminalPort<Viewer = unknown> {
  /** `attach()`, naming who attaches and through what. */
  attach(options: PortAttachOptions, via: AttachVia): { viewer: Viewer; attachment: Attachment };
  /** Calls `observer` with every attachment made from now on, through any transport. */
  observe(observer: (attachment: Attachment) => void): void;
}

// A registered symbol, so a second bundled copy of the package still finds the port.
const PORT = Symbol.for('execution-plane.terminal.port');

/** Installs `port` on `terminal` (non-enumerable, out of the public type). */
export function defineTerminalPort(terminal: object, port: TerminalPort): void {
  Object.defineProperty(terminal, PORT, { value: port });
}

/** The port of a terminal, or `undefined` for an object that is not one. */
export function terminalPortOf<Viewer>(terminal: object): TerminalPort<Viewer> | undefined {
  return (terminal as { [PORT]?: TerminalPort<Viewer> })[PORT];
}
