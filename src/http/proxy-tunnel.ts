import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { ProxyRoute } from './proxy.js';

type Callback = (error: Error | null, socket: Duplex) => void;

// Distinct proxies kept per base agent; past this the oldest tunnel agent is closed.
const MAX_TUNNEL_AGENTS = 16;
const DEFAULT_BASE = {};
const tunnelsByBase = new WeakMap<object, Map<string, TunnelAgent>>();

/**
 * The tunnel agent for `proxy` over the caller's `agents.https` (its TLS options), made once and
 * kept, so tunnels are reused across requests.
 */
export function tunnelAgent(proxy: ProxyRoute, base: https.Agent | undefined): TunnelAgent {
  let tunnels = tunnelsByBase.get(base ?? DEFAULT_BASE);
  if (!tunnels) {
    tunnels = new Map();
    tunnelsByBase.set(base ?? DEFAULT_BASE, tunnels);
  }
  const key = `${proxy.url.href} ${proxy.authorization ?? ''}`;
  let agent = tunnels.get(key);
  if (agent) return agent;
  agent = new TunnelAgent(proxy, base);
  tunnels.set(key, agent);
  if (tunnels.size > MAX_TUNNEL_AGENTS) {
    const [oldest, stale] = tunnels.entries().next().value as [string, TunnelAgent];
    tunnels.delete(oldest);
    stale.destroy();
  }
  return agent;
}

/**
 * An https agent whose connections are CONNECT tunnels through a forward proxy: the proxy sees
 * only `host:port`, TLS runs end to end inside the tunnel, and the tunnelled sockets are kept
 * alive and reused like any agent's. TLS options (`ca`, `rejectUnauthorized` …) come from `base`,
 * the caller's `agents.https`.
 */
export class TunnelAgent extends https.Agent {
  #proxy: ProxyRoute;

  constructor(proxy: ProxyRoute, base: https.Agent | undefined) {
    super({ ...base?.options, keepAlive: true });
    this.#proxy = proxy;
  }

  // Node's Agent takes the socket from the callback when createConnection returns nothing.
  override createConnection(args: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const options = args as tls.ConnectionOptions & { host?: string; port?: number };
    const target = `${options.host}:${options.port ?? 443}`;
    const fail = (error: Error) => callback?.(error, undefined as unknown as Duplex);
    const proxy = this.#proxy;
    const headers: Record<string, string> = { host: target };
    if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    const connect = http.request({
      host: proxy.url.hostname,
      port: proxy.url.port || 80,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return fail(proxyRefused(res.statusCode ?? 0));
      }
      const secure = tls.connect({ ...options, socket, servername: options.servername ?? options.host });
      callback?.(null, secure);
    });
    connect.once('response', (res) => {
      res.resume();
      fail(proxyRefused(res.statusCode ?? 0));
    });
    connect.once('error', fail);
    connect.end();
    return undefined;
  }
}

/** The proxy refused the tunnel (407 without credentials, 403 by policy, 502 when it cannot reach the host). */
function proxyRefused(status: number): Error {
  return Object.assign(new Error(`the proxy refused the CONNECT tunnel with status ${status}`), {
    code: 'ERR_PROXY_CONNECT',
    status,
  });
}
