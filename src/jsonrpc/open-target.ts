import { ExecutionError } from '../core/errors.js';
import type { ProcessSession, RunOptions } from '../process/index.js';
import type { JsonRpcChannel } from './channel.js';
import { createStdioChannel } from './stdio-channel.js';
import type { ResolvedJsonRpcTarget } from './target.js';
import { createWebSocketChannel } from './websocket-channel.js';

/** `spawn` from `execution-plane/process` (or anything with its signature). */
export type SpawnFunction = (command: string, args: readonly string[], options: RunOptions) => ProcessSession;

/**
 * Opens a channel to a target: a WebSocket through `execution-plane/websocket` (imported on
 * demand), a process through the injected `spawn`. `signal` ends the socket or the process with
 * the call.
 */
export async function openTarget(
  target: ResolvedJsonRpcTarget,
  signal: AbortSignal,
  spawn: SpawnFunction | undefined,
): Promise<JsonRpcChannel> {
  if (target.kind === 'websocket') {
    const { connect } = await import('../websocket/index.js');
    return createWebSocketChannel(
      connect(target.url, { headers: target.headers, subprotocols: target.subprotocols, signal }),
    );
  }
  if (!spawn) throw spawnMissing();
  const session = spawn(target.command, target.args, {
    ...(target.cwd === undefined ? {} : { cwd: target.cwd }),
    ...(target.env === undefined ? {} : { env: target.env }),
    framing: 'raw',
    signal,
  });
  return createStdioChannel(session, { framing: target.framing });
}

/** The error for a process target without a spawner. */
export function spawnMissing(): ExecutionError {
  return new ExecutionError(
    'NOT_SUPPORTED',
    "process targets need `spawn` from 'execution-plane/process': call(target, method, params, { spawn })",
    { failureClass: 'placement_unavailable', details: { option: 'spawn' } },
  );
}
