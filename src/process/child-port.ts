import type { Readable } from 'node:stream';
import type { ExecutionError } from '../core/errors.js';
import type { ExitFacts } from './exit-facts.js';

/** How the child's end was observed; `disconnected` means a remote link dropped before an exit. */
export interface ChildExit extends ExitFacts {
  readonly disconnected?: boolean;
}

/**
 * One started child, whatever the surface: its output streams and the small port supervision
 * and sessions drive (write, end, interrupt, signal, resize). Each surface adapter builds one.
 */
export interface ChildPort {
  /** Local process id (the group id too); `undefined` for a guest. */
  readonly pid: number | undefined;
  /** Guest surface: the bridge's session ref. */
  readonly bridgeSessionRef?: string | null;
  /** Output: stdout, or the terminal in a PTY. */
  readonly stdout: Readable;
  /** stderr, `null` in a PTY (the terminal carries both streams). */
  readonly stderr: Readable | null;
  /** Settles (never rejects) when the child ends. */
  readonly exited: Promise<ChildExit>;
  /** Resolves when the child has taken the bytes; rejects with an ExecutionError when it cannot. */
  write(data: Uint8Array): Promise<void>;
  /**
   * Writes at once without a promise per write (local children): see `writeNow` in
   * `write-within.ts`. Absent where every write needs its own answer (PTY, guest).
   */
  writeNow?(
    data: string | Uint8Array,
    failed: (error: ExecutionError) => void,
  ): ExecutionError | undefined | Promise<void>;
  /** stdin EOF (Ctrl-D in a PTY). */
  end(): Promise<void>;
  /** SIGINT to the process group, Ctrl-C in a PTY, or the bridge's interrupt request. */
  interrupt(): Promise<void>;
  /** Sends `signal` to the whole tree (a guest closes its session instead). */
  signal(signal: string): void;
  /** Ends the tree at once (SIGKILL to the group; a guest drops the connection). */
  kill(): void;
  /**
   * Called once the child has exited: ends what is left of its process group, so descendants do
   * not outlive it (a guest's bridge owns its own tree).
   */
  reap(): void;
  /** Resizes the terminal (PTY only). */
  resize(cols: number, rows: number): void;
  /** Bytes accepted by `write` and not yet taken by the child. */
  readonly pendingWriteBytes: number;
  /** Releases pipes, sockets and registrations; called once after the exit has been drained. */
  release(): void;
}
