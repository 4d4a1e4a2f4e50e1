import * as z from 'zod/mini';
import { type Execution, type ExecutionOptions, parseOptions, startExecution } from '../core/index.js';
import { splitExecutionOptions } from './connection-options.js';
import {
  createJsonRpcLane,
  type JsonRpcCallEvents,
  type JsonRpcCallOutput,
  jsonRpcLane,
} from './jsonrpc-lane.js';
import { type SpawnFunction, spawnMissing } from './open-target.js';
import type { JsonRpcTarget } from './target.js';

/** Options of {@link call}: the dialect, a spawner for process targets, and the execution options. */
export interface CallOptions extends ExecutionOptions {
  /** @defaultValue `'lsp'` */
  readonly dialect?: 'lsp' | 'mcp' | undefined;
  /** `spawn` from `execution-plane/process`; required for `{ kind: 'process' }` targets. */
  readonly spawn?: SpawnFunction | undefined;
}

const CallOptionsSchema = z.strictObject({
  dialect: z.optional(z.enum(['lsp', 'mcp'])),
  spawn: z.optional(z.custom<SpawnFunction>((value) => typeof value === 'function', 'a function')),
});

/**
 * One request to a peer: opens a channel to `target` (a process over stdio — pass `spawn` from
 * `execution-plane/process` — or a WebSocket), sends `method` with `params`, and closes. Returns
 * the Execution: `output()` gives `{ method, response }`; an error response ends `failed`
 * (`semantic_runtime_failed`) with the response in the output. Has the default execution timeout
 * (30 s) unless given one. Options and target are validated before any I/O.
 *
 * @example
 * import { spawn } from 'execution-plane/process';
 * const { response } = await call({ kind: 'process', command: 'my-server' }, 'ping', undefined, { spawn }).output();
 */
export function call(
  target: JsonRpcTarget,
  method: string,
  params?: unknown,
  options: CallOptions = {},
): Execution<JsonRpcCallOutput, JsonRpcCallEvents> {
  const { rest, execution } = splitExecutionOptions(options);
  const { dialect, spawn } = parseOptions(CallOptionsSchema, rest, 'call()');
  if ((target as { kind?: unknown } | undefined)?.kind === 'process' && !spawn) throw spawnMissing();
  const lane = spawn ? createJsonRpcLane({ spawn }) : jsonRpcLane;
  return startExecution(lane, { target, method, params, dialect }, execution);
}
