import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { processError } from './errors.js';
import { processDefaults } from './limits.js';
import type { GuestSurfaceOptions } from './surface-options.js';

function connectFailed(why: string, cause?: unknown) {
  return processError(
    'BRIDGE_CONNECT_FAILED',
    `could not reach the guest bridge: ${why}`,
    'launch_failed',
    {},
    cause,
  );
}

/**
 * Opens the byte stream to a guest bridge: the caller's `connect()`, or a unix / tcp socket to
 * `endpoint`, bounded by `connectTimeoutMs` and the execution's signal.
 */
export async function openBridgeStream(surface: GuestSurfaceOptions, signal: AbortSignal): Promise<Duplex> {
  if (surface.connect) {
    try {
      return await surface.connect();
    } catch (cause) {
      throw connectFailed(cause instanceof Error ? cause.message : String(cause), cause);
    }
  }
  const endpoint = surface.endpoint;
  if (!endpoint) throw connectFailed('no endpoint');
  const socket =
    endpoint.kind === 'unix'
      ? connect({ path: endpoint.path })
      : connect({ host: endpoint.host, port: endpoint.port });
  const timeoutMs = surface.connectTimeoutMs ?? processDefaults.bridgeConnectTimeoutMs;
  return new Promise<Duplex>((resolve, reject) => {
    const fail = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (cause: Error) => fail(connectFailed(cause.message, cause));
    const onAbort = () => fail(connectFailed('the execution ended while connecting'));
    const timer = setTimeout(() => fail(connectFailed(`no connection within ${timeoutMs} ms`)), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}
