import { ExecutionError } from '../core/errors.js';

/** The parts of node-pty's module this package uses, declared here so no public type imports it. */
export interface NodePtyModule {
  spawn(
    file: string,
    args: string[],
    options: {
      name?: string;
      cols?: number;
      rows?: number;
      cwd?: string;
      env?: Record<string, string | undefined>;
      /** `null` delivers output as Buffers, so the caller decodes (and counts bytes) itself. */
      encoding?: string | null;
    },
  ): PtyLike;
}

/** A node-pty terminal, structurally. */
export interface PtyLike {
  readonly pid: number;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  pause(): void;
  resume(): void;
  onData(listener: (data: string | Buffer) => void): { dispose(): void };
  onExit(listener: (event: { exitCode: number; signal?: number }) => void): { dispose(): void };
}

let loading: Promise<NodePtyModule> | undefined;

/**
 * Loads the optional peer `node-pty` on first use. Without it installed, rejects with
 * `PEER_DEPENDENCY_MISSING` naming the install command; nothing else is affected.
 */
export function loadNodePty(): Promise<NodePtyModule> {
  loading ??= import('node-pty' as string).then(
    (mod: { default?: NodePtyModule } & NodePtyModule) => mod.default ?? mod,
    (cause: unknown) => {
      loading = undefined;
      const missing = (cause as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND';
      // Installed but unloadable is usually a native build problem, which needs different advice.
      const why = missing
        ? 'A PTY needs the optional peer dependency node-pty: run `npm install node-pty`'
        : `node-pty is installed but failed to load (${cause instanceof Error ? cause.message : String(cause)}); reinstall it with \`npm install node-pty\` (on Linux it compiles: python3, make and a C++ compiler are needed)`;
      throw new ExecutionError('PEER_DEPENDENCY_MISSING', why, {
        failureClass: 'launch_failed',
        details: {
          peer: 'node-pty',
          install: 'npm install node-pty',
          installed: !missing,
        },
        cause,
      });
    },
  );
  return loading;
}
