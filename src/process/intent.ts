import { ExecutionError } from '../core/errors.js';
import type { ProcessPayload } from './options.js';
import type { SurfaceOptions } from './surface-options.js';

/** The fields of a `process_execution_intent.v1` this mapping reads (wire names, snake_case). */
export interface ProcessIntentLike {
  readonly command: string;
  readonly argv?: readonly string[] | null;
  /** Values are strings; numbers and booleans are stringified as the reference does. */
  readonly env_projection?: Readonly<Record<string, unknown>> | null;
  readonly cwd?: string | null;
  readonly stdin?: unknown;
  readonly clear_env?: boolean | null;
  readonly user?: string | null;
  readonly stdio_mode?: string | null;
  readonly stderr_mode?: string | null;
  readonly close_stdin?: boolean | null;
  readonly execution_surface?: Readonly<Record<string, unknown>> | null;
  readonly shutdown_policy?: Readonly<Record<string, unknown>> | null;
}

/** The fields of an `execution_route.v1` this mapping reads. */
export interface ExecutionRouteLike {
  readonly protocol: string;
  readonly placement_family: string;
  readonly resolved_target?: Readonly<Record<string, unknown>> | null;
}

const PLACEMENT: Record<string, { kind: SurfaceOptions['kind']; family: string }> = {
  local_subprocess: { kind: 'local', family: 'local' },
  ssh_exec: { kind: 'ssh', family: 'ssh' },
  guest_bridge: { kind: 'guest', family: 'guest' },
};

function contractError(message: string, failureClass: 'route_unresolved' | 'placement_unavailable') {
  return new ExecutionError('INVALID_CONTRACT', message, { failureClass });
}

type Json = Readonly<Record<string, unknown>>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const defined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null));

/**
 * Maps a process intent and its route to a `processLane` payload: the wire's snake_case fields
 * become the lane's options, `execution_surface` becomes `surface`, `stdio_mode: "pty"` a PTY,
 * `stderr_mode: "stdout"` merging, `shutdown_policy.graceful_timeout_ms` the force-kill delay.
 * The payload is validated where every payload is, in `processLane.plan` (`INVALID_OPTIONS`);
 * a route for another protocol or a placement family that does not match the surface is
 * `INVALID_CONTRACT`, here. The route's timeout budget is
 * the kernel's to apply, not part of the payload.
 *
 * @example
 * const payload = processPayloadFromIntent(intent, route);
 * const execution = startExecution(processLane, payload, { timeoutMs: route.resolved_budget.timeout_ms });
 */
export function processPayloadFromIntent(
  intent: ProcessIntentLike,
  route: ExecutionRouteLike,
): ProcessPayload {
  if (route.protocol !== 'process') {
    throw contractError(
      `route protocol ${JSON.stringify(route.protocol)} is not "process"`,
      'route_unresolved',
    );
  }
  const surfaceMap = intent.execution_surface ?? route.resolved_target?.execution_surface ?? {};
  if (!isMap(surfaceMap)) throw contractError('execution_surface must be a map', 'route_unresolved');
  const kindName = String(surfaceMap.surface_kind ?? 'local_subprocess');
  const placement = PLACEMENT[kindName];
  if (!placement)
    throw contractError(`unsupported surface kind ${JSON.stringify(kindName)}`, 'placement_unavailable');
  if (placement.family !== route.placement_family) {
    throw contractError(
      `route placement ${JSON.stringify(route.placement_family)} does not match surface ${JSON.stringify(kindName)}`,
      'route_unresolved',
    );
  }
  const options = isMap(surfaceMap.transport_options) ? surfaceMap.transport_options : {};
  const stdio = intent.stdio_mode ?? 'pipe';
  if (stdio !== 'pipe' && stdio !== 'pty')
    throw contractError(`unsupported stdio_mode ${JSON.stringify(stdio)}`, 'route_unresolved');
  const graceful = intent.shutdown_policy?.graceful_timeout_ms;
  const stdin = intent.stdin;
  const input = defined({
    command: intent.command,
    args: intent.argv ?? undefined,
    cwd: intent.cwd,
    env: envOf(intent.env_projection),
    clearEnv: intent.clear_env === true ? true : undefined,
    user: placement.kind === 'ssh' ? (options.ssh_user ?? intent.user) : intent.user,
    stdin:
      stdin === undefined || stdin === null ? undefined : typeof stdin === 'string' ? stdin : { json: stdin },
    closeStdin: intent.close_stdin ?? undefined,
    stderr: intent.stderr_mode === 'stdout' ? 'merge' : (intent.stderr_mode ?? undefined),
    pty: stdio === 'pty' ? true : undefined,
    forceKillAfterMs: graceful,
    surface: surfaceOptions(placement.kind, options),
  });
  // Validation is the lane's `plan`, in the one place every payload goes through.
  return input as unknown as ProcessPayload;
}

// Scalars become strings (as the reference's Command does); anything else is left for validation to reject.
function envOf(
  projection: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> | undefined {
  if (!projection || Object.keys(projection).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(projection).map(([k, v]) => [
      k,
      typeof v === 'number' || typeof v === 'boolean' ? String(v) : v,
    ]),
  );
}

function surfaceOptions(kind: SurfaceOptions['kind'], t: Json): unknown {
  if (kind === 'local') {
    if (Object.keys(t).length > 0)
      throw contractError('local_subprocess takes no transport_options', 'route_unresolved');
    return undefined;
  }
  if (kind === 'ssh') {
    const sshOptions = isMap(t.ssh_options)
      ? Object.fromEntries(
          Object.entries(t.ssh_options).map(([k, v]) => [
            k,
            v === true ? 'yes' : v === false ? 'no' : String(v),
          ]),
        )
      : undefined;
    return defined({
      kind: 'ssh',
      destination: t.destination,
      port: t.port,
      identityFile: t.identity_file,
      knownHostsFile: t.known_hosts_file,
      sshOptions,
      sshArgs: t.ssh_args,
      sshPath: t.ssh_path,
    });
  }
  const endpoint = isMap(t.endpoint) ? t.endpoint : undefined;
  const endpointKind = endpoint?.kind === 'unix_socket' ? 'unix' : endpoint?.kind;
  return defined({
    kind: 'guest',
    endpoint: endpoint ? defined({ ...endpoint, kind: endpointKind }) : undefined,
    bridgeRef: t.bridge_ref,
    bridgeProfile: t.bridge_profile,
    attachToken: t.attach_token,
    supportedProtocolVersions: t.supported_protocol_versions,
    extensions: t.extensions,
    connectTimeoutMs: t.connect_timeout_ms,
    requestTimeoutMs: t.request_timeout_ms,
  });
}
