/**
 * Exit codes of the `execution-plane` command (docs/cli.md has the table). An outcome maps to
 * one code; `run` passes the child's own exit code through instead when it exited.
 */
export const EXIT = {
  /** The outcome is `succeeded` (or a `node serve` that drained and stopped). */
  ok: 0,
  /** The outcome is `failed` (transport, protocol, a remote error …). */
  failed: 1,
  /** A bad command line or a bad config file: nothing ran. */
  usage: 2,
  /** The node refused the request (`rejected`). */
  rejected: 3,
  /** `http --fail` and the response status was 400 or more. */
  httpError: 22,
  /** The outcome is `timed_out`. */
  timedOut: 124,
  /** The outcome is `cancelled` (Ctrl-C, SIGTERM). */
  cancelled: 130,
} as const;

/** The exit code for an outcome status. */
export function exitCodeOf(status: string): number {
  switch (status) {
    case 'succeeded':
      return EXIT.ok;
    case 'rejected':
      return EXIT.rejected;
    case 'timed_out':
      return EXIT.timedOut;
    case 'cancelled':
      return EXIT.cancelled;
    default:
      return EXIT.failed;
  }
}

/** `run`: the child's exit code when it exited, 128 + the signal number when a signal ended it. */
export function processExitCode(
  exitCode: number | null,
  signal: string | null,
  signals: Record<string, number>,
): number {
  if (exitCode !== null) return exitCode;
  if (signal !== null && signals[signal] !== undefined) return 128 + signals[signal];
  return EXIT.failed;
}
