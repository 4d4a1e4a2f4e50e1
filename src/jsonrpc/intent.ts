import { ExecutionError } from '../core/errors.js';
import type { JsonRpcLaneInput } from './jsonrpc-lane.js';

/** The fields of a `jsonrpc_execution_intent.v1` this mapping reads (wire names, snake_case). */
export interface JsonRpcIntentLike {
  /** `{ mode: 'stdio' | 'websocket', framing?: 'ndjson' | 'content_length', url? }`; default stdio. */
  readonly transport_binding?: Readonly<Record<string, unknown>> | null;
  /** `{ schema: 'jsonrpc-2.0', dialect?: 'lsp' | 'mcp' }`. */
  readonly protocol_schema?: Readonly<Record<string, unknown>> | null;
  /** `{ method, params }`: the request to send. */
  readonly request?: Readonly<Record<string, unknown>> | null;
  readonly session_policy?: Readonly<Record<string, unknown>> | null;
}

/** The fields of an `execution_route.v1` this mapping reads. */
export interface JsonRpcRouteLike {
  readonly protocol: string;
  /** `{ command, argv, cwd, env, execution_surface }` for stdio, `{ url }` for a WebSocket. */
  readonly resolved_target?: Readonly<Record<string, unknown>> | null;
}

type Json = Readonly<Record<string, unknown>>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const defined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null));

function contractError(message: string, failureClass: 'route_unresolved' | 'placement_unavailable') {
  return new ExecutionError('INVALID_CONTRACT', message, { failureClass });
}

const FRAMINGS: Record<string, string> = {
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  content_length: 'content-length',
  'content-length': 'content-length',
  lsp: 'content-length',
};

/**
 * Maps a JSON-RPC intent and its route to a {@link jsonRpcLane} payload. Unlike the reference,
 * which only framed the request, the payload performs real I/O: `transport_binding.mode` `stdio`
 * spawns the route's `resolved_target` command (local surface only) and `websocket` connects to
 * its `url`. A request without a method, a route for another protocol or a non-local surface is
 * `INVALID_CONTRACT`; the lane validates the rest when the kernel starts it (`INVALID_OPTIONS`). The route's timeout
 * budget is the kernel's to apply.
 *
 * @example
 * const payload = jsonRpcPayloadFromIntent(intent, route);
 * const execution = startExecution(jsonRpcLane, payload, { timeoutMs: route.resolved_budget.timeout_ms });
 */
export function jsonRpcPayloadFromIntent(
  intent: JsonRpcIntentLike,
  route: JsonRpcRouteLike,
): JsonRpcLaneInput {
  if (route.protocol !== 'jsonrpc') {
    throw contractError(
      `route protocol ${JSON.stringify(route.protocol)} is not "jsonrpc"`,
      'route_unresolved',
    );
  }
  const request = isMap(intent.request) ? intent.request : {};
  if (typeof request.method !== 'string' || request.method.length === 0) {
    throw contractError('intent request has no method', 'route_unresolved');
  }
  const binding = isMap(intent.transport_binding) ? intent.transport_binding : {};
  const target = isMap(route.resolved_target) ? route.resolved_target : {};
  const mode = binding.mode ?? 'stdio';
  let targetInput: Record<string, unknown>;
  if (mode === 'stdio') {
    const surface = isMap(target.execution_surface) ? target.execution_surface : {};
    const kind = surface.surface_kind ?? 'local_subprocess';
    if (kind !== 'local_subprocess') {
      throw contractError(
        `surface ${JSON.stringify(kind)} is not available to the JSON-RPC lane`,
        'placement_unavailable',
      );
    }
    const framing = FRAMINGS[String(binding.framing ?? 'ndjson')];
    if (!framing)
      throw contractError(`unsupported framing ${JSON.stringify(binding.framing)}`, 'route_unresolved');
    targetInput = defined({
      kind: 'process',
      command: target.command,
      args: target.argv,
      cwd: target.cwd,
      env: isMap(target.env) && Object.keys(target.env).length > 0 ? target.env : undefined,
      framing,
    });
  } else if (mode === 'websocket') {
    targetInput = defined({ kind: 'websocket', url: binding.url ?? target.url });
  } else {
    throw contractError(`unsupported transport_binding mode ${JSON.stringify(mode)}`, 'route_unresolved');
  }
  const schema = isMap(intent.protocol_schema) ? intent.protocol_schema : {};
  // The lane's `plan` validates it once, when the kernel starts the execution.
  return defined({
    target: targetInput,
    method: request.method,
    params: request.params,
    dialect: schema.dialect,
  }) as JsonRpcLaneInput;
}
