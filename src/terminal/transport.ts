import type { OperatorTerminalSurfaceV1 } from '../core/contracts/v1/operator-terminal-surface-v1.js';

/** @internal A running transport of one terminal (an SSH server, a WebSocket server, the local TTY). */
export interface TerminalTransport {
  /** The bound TCP port; `undefined` for the local TTY. */
  readonly port: number | undefined;
  /** The transport as an `operator_terminal_surface.v1` (wire JSON; no secrets). */
  surface(): OperatorTerminalSurfaceV1;
  /** Stops accepting, disconnects its clients. Idempotent. */
  close(): Promise<void>;
}
