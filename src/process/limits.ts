/**
 * Named default limits of the process lane. Every one is an option; the docs list them all.
 */

/** Bytes of stdout (and of stderr) that `run()` collects into its output; beyond it the output is truncated and flagged. */
export const DEFAULT_MAX_BUFFER_BYTES = 16 * 1024 * 1024;

/**
 * Events a process execution holds for its handle (the core default is 1 024). A process event
 * carries up to one pipe read (64 KiB), so a smaller queue keeps an unread execution from holding
 * 64 MiB of old output; `eventQueueCapacity` overrides it.
 */
export const DEFAULT_PROCESS_EVENT_QUEUE_CAPACITY = 128;

/** Bytes `spawn()` collects: 0, so sessions stream their output as events and collect nothing unless asked. */
export const DEFAULT_SESSION_MAX_BUFFER_BYTES = 0;

/** Longest line (in bytes, terminator excluded) in `lines` framing; a longer one fails the execution or is chunked. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Bytes of the stderr tail ring kept for the outcome and every failure. */
export const DEFAULT_STDERR_TAIL_BYTES = 256 * 1024;

/** Signal sent to the process group first when cancelling, timing out or closing. */
export const DEFAULT_KILL_SIGNAL = 'SIGTERM';

/** Milliseconds between `killSignal` and SIGKILL to the whole process group. */
export const DEFAULT_FORCE_KILL_AFTER_MS = 2_000;

/** Milliseconds `close()` waits after stdin EOF before sending `killSignal`. */
export const DEFAULT_CLOSE_GRACE_MS = 2_000;

/**
 * Milliseconds the output pipes may stay open after the child exits (a descendant that escaped
 * the process group may hold them) before they are destroyed and the execution settles.
 */
export const DEFAULT_DRAIN_GRACE_MS = 200;

/** Bytes a session may have queued for stdin and not yet taken by the child; more is `LIMIT_EXCEEDED`. */
export const DEFAULT_MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024;

/** Terminal width of a PTY. */
export const DEFAULT_PTY_COLS = 80;

/** Terminal height of a PTY. */
export const DEFAULT_PTY_ROWS = 24;

/** `ConnectTimeout` (seconds) passed to the OpenSSH client. */
export const DEFAULT_SSH_CONNECT_TIMEOUT_SECONDS = 10;

/** Milliseconds to open a guest bridge connection. */
export const DEFAULT_BRIDGE_CONNECT_TIMEOUT_MS = 5_000;

/** Milliseconds a guest bridge has to answer one request. */
export const DEFAULT_BRIDGE_REQUEST_TIMEOUT_MS = 5_000;

/** Largest guest bridge frame (JSON bytes after the 4-byte length prefix). */
export const DEFAULT_MAX_BRIDGE_FRAME_BYTES = 8 * 1024 * 1024;

/** The guest bridge protocol versions this client speaks. */
export const BRIDGE_PROTOCOL_VERSIONS: readonly number[] = [1];
