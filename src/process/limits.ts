/**
 * The process lane's defaults, in one documented frozen object. Every one is an option (or a
 * surface option); docs/process.md lists them all.
 *
 * @example
 * import { processDefaults } from 'execution-plane/process';
 * processDefaults.forceKillAfterMs; // 2000
 */
export const processDefaults = /* @__PURE__ */ Object.freeze({
  /** Bytes of stdout (and of stderr) that `run()` collects into its output; beyond it the output is truncated and flagged. */
  maxBufferBytes: 16 * 1024 * 1024,
  /** Bytes `spawn()` collects: 0, so sessions stream their output as events and collect nothing unless asked. */
  sessionMaxBufferBytes: 0,
  /**
   * Events a process execution holds for its handle (the core default is 1 024). A process event
   * carries up to one pipe read (64 KiB), so a smaller queue keeps an unread execution from
   * holding 64 MiB of old output; `eventQueueCapacity` overrides it.
   */
  eventQueueCapacity: 128,
  /** Longest line in bytes (terminator excluded) in `lines` framing; a longer one fails the execution or is chunked. */
  maxLineBytes: 1024 * 1024,
  /** Bytes of the stderr tail kept for the outcome and every failure. */
  stderrTailBytes: 256 * 1024,
  /** Signal sent to the process group first when cancelling, timing out or closing. */
  killSignal: 'SIGTERM',
  /** Milliseconds between `killSignal` and SIGKILL to the whole process group. */
  forceKillAfterMs: 2_000,
  /** Milliseconds `close()` waits after stdin EOF before sending `killSignal`. */
  closeGraceMs: 2_000,
  /**
   * Milliseconds the output pipes may stay open after the child exits (a descendant that escaped
   * the process group may hold them) before they are destroyed and the execution settles.
   */
  drainGraceMs: 200,
  /** How a child's tree is held and ended: a cgroup v2 where one can be created, else a /proc walk. */
  containment: 'auto' as 'auto' | 'cgroup' | 'process-tree',
  /** Bytes a session may have queued for stdin and not yet taken by the child; more is `LIMIT_EXCEEDED`. */
  maxPendingWriteBytes: 8 * 1024 * 1024,
  /** Terminal width of a PTY, in columns. */
  ptyCols: 80,
  /** Terminal height of a PTY, in rows. */
  ptyRows: 24,
  /** `TERM` of a PTY. */
  ptyName: 'xterm-256color',
  /** `ConnectTimeout` (seconds) passed to the OpenSSH client. */
  sshConnectTimeoutSeconds: 10,
  /** Milliseconds to open a guest bridge connection. */
  bridgeConnectTimeoutMs: 5_000,
  /** Milliseconds a guest bridge has to answer one request. */
  bridgeRequestTimeoutMs: 5_000,
  /** Largest guest bridge frame (JSON bytes after the 4-byte length prefix). */
  maxBridgeFrameBytes: 8 * 1024 * 1024,
  /** The guest bridge profile both sides must agree on. */
  bridgeProfile: 'core_cli_transport',
  /** The guest bridge protocol versions this client speaks. */
  bridgeProtocolVersions: Object.freeze([1]) as readonly number[],
} as const);
