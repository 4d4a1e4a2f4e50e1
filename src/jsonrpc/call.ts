import * as z from 'zod/mini';
import { type Execution, type ExecutionOptions, parseOptions, startExecution } from '../core/index.js';
import { splitExecutionOptions } from './connection-options.js';
import { type JsonRpcCallEvents, type JsonRpcCallOutput, jsonRpcLane } from './jsonrpc-lane.js';
import type { JsonRpcTarget } from './target.js';

/** Options of {@link call}: the dialect plus the execution options (`timeoutMs`, `signal` …). */
export interface CallOptions extends ExecutionOptions {
  /** @defaultValue `'lsp'` */
  readonly dialect?: 'lsp' | 'mcp' | undefined;
}

const CallOptionsSchema = z.strictObject({ dialect: z.optional(z.enum(['lsp', 'mcp'])) });

/**
 * One request to a peer: opens a channel to `target` (a process over stdio, or a WebSocket),
 * sends `method` with `params`, and closes. Returns the Execution: `output()` gives
 * `{ method, response }`; an error response ends `failed` (`semantic_runtime_failed`) with the
 * response in the output. Has the default execution timeout (30 s) unless given one.
 *
 * @example
 * const { response } = await call({ kind: 'process', command: 'my-server', framing: 'ndjson' }, 'ping').output();
 */
export function call(
  target: JsonRpcTarget,
  method: string,
  params?: unknown,
  options: CallOptions = {},
): Execution<JsonRpcCallOutput, JsonRpcCallEvents> {
  const { rest, execution } = splitExecutionOptions(options);
  const { dialect } = parseOptions(CallOptionsSchema, rest, 'call()');
  return startExecution(jsonRpcLane, { target, method, params, dialect }, execution);
}
