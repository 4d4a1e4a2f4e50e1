/**
 * `execution-plane/process`: subprocesses as executions. `run()` for one-shot commands,
 * `spawn()` for long-lived sessions (stdin writes with backpressure, interrupt, graceful close,
 * PTY resize), and `processLane` for the node. Every child gets its own process group; cancel,
 * timeout and close kill the whole tree, and a watchdog kills it if this process dies. Surfaces:
 * `local` (execa), `ssh` (the system OpenSSH client) and `guest` (a length-prefixed JSON bridge).
 *
 * Importing this subpath never loads node-pty; it is loaded when a PTY is first asked for.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export {
  type Capability,
  type SurfaceCapabilities,
  surfaceCapabilities,
} from './capabilities.js';
export { run, spawn } from './entry.js';
export type { RunOptions } from './entry-options.js';
export type {
  OutputStream,
  ProcessDataPayload,
  ProcessEvents,
  ProcessKillPayload,
  ProcessLinesPayload,
  ProcessOutput,
  ProcessSpawnedPayload,
} from './events.js';
export { type ExitFacts, signalName } from './exit-facts.js';
export { encodeFrame, FrameDecoder } from './guest-codec.js';
export {
  type ExecutionRouteLike,
  type ProcessIntentLike,
  processPayloadFromIntent,
} from './intent.js';
export { processKernelLane } from './kernel-lane.js';
export {
  BRIDGE_PROTOCOL_VERSIONS,
  DEFAULT_BRIDGE_CONNECT_TIMEOUT_MS,
  DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS,
  DEFAULT_CLOSE_GRACE_MS,
  DEFAULT_DRAIN_GRACE_MS,
  DEFAULT_FORCE_KILL_AFTER_MS,
  DEFAULT_KILL_SIGNAL,
  DEFAULT_MAX_BRIDGE_FRAME_BYTES,
  DEFAULT_MAX_BUFFER_BYTES,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_MAX_PENDING_WRITE_BYTES,
  DEFAULT_PROCESS_EVENT_QUEUE_CAPACITY,
  DEFAULT_PTY_COLS,
  DEFAULT_PTY_ROWS,
  DEFAULT_SESSION_MAX_BUFFER_BYTES,
  DEFAULT_SSH_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_STDERR_TAIL_BYTES,
} from './limits.js';
export { type LineBatch, LineFramer, type LineFramerOptions } from './line-framer.js';
export {
  type ProcessOptions,
  ProcessOptionsSchema,
  type ProcessPayload,
  ProcessPayloadSchema,
  PtyOptionsSchema,
} from './options.js';
export { processLane } from './process-lane.js';
export { type CloseOptions, ProcessSession } from './session.js';
export { shellQuote } from './ssh-command.js';
export {
  type BridgeConnector,
  type GuestSurfaceOptions,
  type SshSurfaceOptions,
  type SurfaceKind,
  type SurfaceOptions,
  SurfaceSchema,
} from './surface-options.js';
