import type { Execution } from '../core/execution.js';
import type { ExecutionOptions } from '../core/execution-options.js';
import { enterLane } from '../core/start-execution.js';
import { type JsonRpcCallEvents, type JsonRpcCallOutput, jsonRpcLaneWith } from './jsonrpc-lane.js';
import type { SpawnFunction } from './open-target.js';
import type { JsonRpcTarget } from './target.js';

/** Options of {@link call}: the dialect, a spawner for process targets, and the execution options. */
export interface JsonRpcCallOptions extends ExecutionOptions {
  /**
   * Cancellation and progress conventions of the peer (`'lsp'` or `'mcp'`).
   * @defaultValue `'lsp'`
   */
  readonly dialect?: 'lsp' | 'mcp' | undefined;
  /**
   * `spawn` from `execution-plane/process`; required for `{ kind: 'process' }` targets (injected,
   * so importing `execution-plane/jsonrpc` never loads the process lane).
   * @defaultValue none
   */
  readonly spawn?: SpawnFunction | undefined;
  /**
   * Values to scrub (`[redacted]`) wherever they would appear — events, the output (the response,
   * an error response's message and `data` included), failures and errors (a process target's
   * command, argv or `cwd` quoted in a spawn failure) — each at least 4 characters. Values of a
   * process target's credential-named `env` variables and credential flags, and of a WebSocket
   * target's credential-named headers and query parameters, are scrubbed without being listed.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
}

// Refuses a process target without `spawn` in `plan`, before any I/O.
const callLane = /* @__PURE__ */ jsonRpcLaneWith();

/**
 * One request to a peer: opens a channel to `target` (a process over stdio — pass `spawn` from
 * `execution-plane/process` — or a WebSocket), sends `method` with `params`, and closes. Returns
 * the Execution: `output()` gives `{ method, response }`; an error response ends `failed`
 * (`semantic_runtime_failed`) with the response in the output. Has the default execution timeout
 * (30 s) unless given one. Target, method and options are validated before any I/O.
 *
 * @example
 * import { spawn } from 'execution-plane/process';
 * const target = { kind: 'process' as const, command: 'npx', args: ['@modelcontextprotocol/server-everything', 'stdio'] };
 * const { response } = await call(target, 'ping', {}, { dialect: 'mcp', spawn }).output();
 */
export function call(
  target: JsonRpcTarget,
  method: string,
  params?: unknown,
  options?: JsonRpcCallOptions,
): Execution<JsonRpcCallOutput, JsonRpcCallEvents> {
  const input =
    typeof options === 'object' && options !== null && !Array.isArray(options)
      ? { ...options, target, method, params }
      : options === undefined
        ? { target, method, params }
        : options;
  return enterLane(callLane, input, 'call()');
}
