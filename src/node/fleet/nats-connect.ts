import { readFile } from 'node:fs/promises';
import { ExecutionError } from '../../core/errors.js';
import type { ResolvedFleetConnection } from './fleet-options.js';
import { loadNats, type NatsConnection, type NatsModules } from './nats-modules.js';

// A first connection that has not completed its handshake by then fails (CONNECT_FAILED).
const CONNECT_TIMEOUT_MS = 5_000;
// Short reconnect waits: a cluster member's restart should cost a fleet call well under a heartbeat bound.
const RECONNECT_WAIT_MS = 250;

/**
 * Connects to the fabric with the caller's credentials; reconnects forever (the fleet's own
 * heartbeats bound what a caller waits). Rejects with `CONNECT_FAILED` (`AUTHENTICATION_FAILED`
 * when the server refused the credentials).
 */
export async function connectFabric(
  options: ResolvedFleetConnection,
  name: string,
): Promise<{ nc: NatsConnection; nats: NatsModules }> {
  const nats = await loadNats();
  const servers = typeof options.servers === 'string' ? [options.servers] : [...options.servers];
  try {
    const nc = await nats.connect({
      servers,
      name,
      ...(options.token ? { token: options.token } : {}),
      ...(options.user ? { user: options.user, pass: options.pass ?? '' } : {}),
      ...(options.credsFile
        ? { authenticator: nats.credsAuthenticator(new Uint8Array(await readFile(options.credsFile))) }
        : {}),
      ...(options.tls ? { tls: { ...options.tls } } : {}),
      maxReconnectAttempts: -1,
      reconnectTimeWait: RECONNECT_WAIT_MS,
      reconnectJitter: 50,
      pingInterval: Math.max(1_000, options.heartbeatMs * options.missedHeartbeats),
      waitOnFirstConnect: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    return { nc, nats };
  } catch (cause) {
    const auth = /authoriz|authentic/i.test(String((cause as Error)?.message ?? cause));
    throw new ExecutionError(
      auth ? 'AUTHENTICATION_FAILED' : 'CONNECT_FAILED',
      `${name}: could not connect to NATS at ${servers.join(', ')}: ${(cause as Error)?.message ?? cause}`,
      { failureClass: auth ? 'semantic_runtime_failed' : 'transport_failed', cause },
    );
  }
}

/** JSON of a message body. */
export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** The body of a message as JSON (a malformed one reads as an empty map). */
export function decodeJson(data: Uint8Array): Record<string, unknown> {
  try {
    const value = JSON.parse(new TextDecoder().decode(data));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

// How long a fresh cluster may take to elect its JetStream leaders before setup gives up.
const JETSTREAM_READY_MS = 15_000;

/**
 * Runs a JetStream setup step (creating or binding the bucket or the stream), trying again while
 * JetStream is not ready yet — a cluster that has just started elects its leaders first.
 */
export async function whenJetStreamReady<T>(step: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + JETSTREAM_READY_MS;
  for (let wait = 100; ; wait = Math.min(wait * 2, 1_000)) {
    try {
      return await step();
    } catch (error) {
      if (Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
