/**
 * `execution-plane/process`: subprocesses as executions. `run()` for one-shot commands,
 * `spawn()` for long-lived sessions (stdin writes with backpressure, interrupt, graceful close,
 * PTY resize), `processLane` for the node and `processKernelLane` for the kernel. Every child gets
 * its own process group; cancel, timeout and close kill the whole tree, and a watchdog kills it
 * if this process dies. Surfaces: `local` (`node:child_process`), `ssh` (the system OpenSSH client) and `guest`
 * (a length-prefixed JSON bridge).
 *
 * Importing this subpath never loads node-pty; it is loaded when a PTY is first asked for.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { ProcessErrorCode } from '../core/error-codes.js';
export { run, spawn } from './entry.js';
export type {
  OutputStream,
  ProcessBytesPayload,
  ProcessDataPayload,
  ProcessEvents,
  ProcessKillPayload,
  ProcessLinesPayload,
  ProcessOutput,
  ProcessSpawnedPayload,
} from './events.js';
export type { ExitFacts } from './exit-facts.js';
export { processKernelLane } from './kernel-lane.js';
export { processDefaults } from './limits.js';
export type {
  ProcessOptions,
  ProcessPayload,
  PtyOptions,
  RunOptions,
  SpawnOptions,
  StdioMode,
  StdioOptions,
} from './options.js';
export { type PipeOptions, pipe } from './pipe.js';
export { processLane } from './process-lane.js';
export type { CloseOptions, ProcessSession } from './session.js';
export type {
  BridgeConnector,
  GuestSurfaceOptions,
  SshSurfaceOptions,
  SurfaceOptions,
} from './surface-options.js';
