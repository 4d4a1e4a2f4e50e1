import { invalidOptions } from '../core/errors.js';
import {
  assertCapabilities,
  type CapabilityNeeds,
  requiredCapabilities,
  surfaceCapabilities,
} from './capabilities.js';
import { unsupportedCapability } from './errors.js';
import { processDefaults } from './limits.js';
import type { ParsedPayload } from './options-schema.js';
import type { SurfaceOptions } from './surface-options.js';

/** `run` collects output and closes stdin; `session` streams and keeps stdin open. */
export type ProcessMode = 'run' | 'session';

/** Terminal size and type of a PTY. */
export interface PtySettings {
  readonly cols: number;
  readonly rows: number;
  readonly name: string;
}

/** A payload with every default applied: what the launch and supervision code reads. */
export interface ProcessSettings {
  readonly mode: ProcessMode;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string>> | undefined;
  readonly clearEnv: boolean;
  readonly inheritEnv: readonly string[] | undefined;
  readonly user: string | undefined;
  /** Bytes written to stdin first (`{ json }` already serialised as one line). */
  readonly stdin: Uint8Array | undefined;
  readonly closeStdin: boolean;
  readonly stderr: 'separate' | 'merge';
  readonly framing: 'lines' | 'raw';
  readonly encoding: 'utf8' | 'buffer';
  readonly stripFinalNewline: boolean;
  readonly preferLocal: boolean;
  /** Which standard streams are inherited from this process instead of piped. */
  readonly inherit: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  readonly maxBufferBytes: number;
  readonly maxLineBytes: number;
  readonly longLines: 'fail' | 'chunk';
  readonly stderrTailBytes: number;
  readonly killSignal: string;
  readonly forceKillAfterMs: number;
  readonly drainGraceMs: number;
  readonly containment: 'auto' | 'cgroup' | 'process-tree';
  readonly maxPendingWriteBytes: number;
  readonly pty: PtySettings | null;
  readonly surface: SurfaceOptions;
}

const LOCAL: SurfaceOptions = { kind: 'local' };

/**
 * Applies the entry point's defaults to a validated payload and checks it against the surface's
 * capabilities, so an unsupported request fails before anything is spawned.
 */
export function resolveSettings(payload: ParsedPayload, mode: ProcessMode, entry: string): ProcessSettings {
  if (payload.clearEnv && payload.inheritEnv) {
    throw invalidOptions('inheritEnv', 'no `clearEnv` alongside it', 'clearEnv: true', entry);
  }
  const surface = payload.surface ?? LOCAL;
  const pty = resolvePty(payload.pty);
  const needs: CapabilityNeeds = {
    session: mode === 'session',
    pty: pty !== null,
    user: payload.user !== undefined,
    env:
      payload.clearEnv === true ||
      payload.inheritEnv !== undefined ||
      (payload.env !== undefined && Object.keys(payload.env).length > 0),
    cwd: payload.cwd !== undefined,
  };
  assertCapabilities(surface.kind, surfaceCapabilities(surface.kind), requiredCapabilities(needs));
  const encoding = payload.encoding ?? 'utf8';
  if (encoding === 'buffer' && payload.framing === 'lines') {
    throw invalidOptions('framing', "'raw' (or none) with encoding: 'buffer'", "'lines'", entry);
  }
  const inherit = resolveInherit(payload.stdio);
  const inherits = inherit.stdin || inherit.stdout || inherit.stderr;
  if (inherits && (surface.kind === 'guest' || pty !== null)) {
    throw unsupportedCapability("stdio: 'inherit'", pty === null ? surface.kind : 'pty');
  }
  if (payload.preferLocal && surface.kind !== 'local')
    throw unsupportedCapability('preferLocal', surface.kind);
  if (inherit.stdin && payload.stdin !== undefined) {
    throw invalidOptions('stdin', "no data when stdio.stdin is 'inherit'", 'data', entry);
  }
  return {
    mode,
    command: payload.command,
    args: payload.args ?? [],
    cwd: payload.cwd,
    env: payload.env,
    clearEnv: payload.clearEnv ?? false,
    inheritEnv: payload.inheritEnv,
    user: payload.user,
    stdin: stdinBytes(payload.stdin, entry),
    // A terminal has no EOF to send, only Ctrl-D, which a program may read (and echo) as input.
    closeStdin: payload.closeStdin ?? (mode === 'run' && pty === null),
    stderr: payload.stderr ?? 'separate',
    framing: payload.framing ?? (encoding === 'buffer' ? 'raw' : 'lines'),
    encoding,
    stripFinalNewline: payload.stripFinalNewline ?? false,
    preferLocal: payload.preferLocal ?? false,
    inherit,
    maxBufferBytes:
      payload.maxBufferBytes ??
      (mode === 'run' ? processDefaults.maxBufferBytes : processDefaults.sessionMaxBufferBytes),
    maxLineBytes: payload.maxLineBytes ?? processDefaults.maxLineBytes,
    longLines: payload.longLines ?? 'fail',
    stderrTailBytes: payload.stderrTailBytes ?? processDefaults.stderrTailBytes,
    killSignal: payload.killSignal ?? processDefaults.killSignal,
    forceKillAfterMs: payload.forceKillAfterMs ?? processDefaults.forceKillAfterMs,
    drainGraceMs: payload.drainGraceMs ?? processDefaults.drainGraceMs,
    containment: payload.containment ?? processDefaults.containment,
    maxPendingWriteBytes: payload.maxPendingWriteBytes ?? processDefaults.maxPendingWriteBytes,
    pty,
    surface,
  };
}

function resolveInherit(stdio: ParsedPayload['stdio']): ProcessSettings['inherit'] {
  if (stdio === undefined || typeof stdio === 'string') {
    const all = stdio === 'inherit';
    return { stdin: all, stdout: all, stderr: all };
  }
  return {
    stdin: stdio.stdin === 'inherit',
    stdout: stdio.stdout === 'inherit',
    stderr: stdio.stderr === 'inherit',
  };
}

function resolvePty(pty: ParsedPayload['pty']): PtySettings | null {
  if (pty === undefined || pty === false) return null;
  const given = pty === true ? {} : pty;
  return {
    cols: given.cols ?? processDefaults.ptyCols,
    rows: given.rows ?? processDefaults.ptyRows,
    name: given.name ?? processDefaults.ptyName,
  };
}

// A JSON value is written as one line, so line-reading children see exactly one message.
function stdinBytes(stdin: ParsedPayload['stdin'], entry: string): Uint8Array | undefined {
  if (stdin === undefined) return undefined;
  if (typeof stdin === 'string') return Buffer.from(stdin, 'utf8');
  if (stdin instanceof Uint8Array) return stdin;
  let json: string | undefined;
  try {
    json = JSON.stringify(stdin.json);
  } catch {
    json = undefined;
  }
  if (json === undefined)
    throw invalidOptions('stdin.json', 'a JSON-serialisable value', 'a value JSON cannot encode', entry);
  return Buffer.from(`${json}\n`, 'utf8');
}

/**
 * The child's environment for a local spawn, or `undefined` to inherit the parent's unchanged:
 * the parent's variables (all, none with `clearEnv`, or the `inheritEnv` allow-list), then `env`.
 */
export function childEnv(settings: ProcessSettings): Record<string, string> | undefined {
  const overlay = settings.env ?? {};
  if (!settings.clearEnv && !settings.inheritEnv && Object.keys(overlay).length === 0) return undefined;
  const base: Record<string, string> = {};
  if (!settings.clearEnv) {
    const names = settings.inheritEnv ?? Object.keys(process.env);
    for (const name of names) {
      const value = process.env[name];
      if (value !== undefined) base[name] = value;
    }
  }
  return Object.assign(base, overlay);
}
