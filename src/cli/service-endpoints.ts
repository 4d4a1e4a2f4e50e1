import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the plain HTTP endpoints of `node serve` read. */
export interface EndpointSources {
  /** The WebSocket upgrade path (a plain request there gets 426). */
  readonly wsPath: string;
  /** Why the service is not ready; empty when it is. */
  readonly readiness: () => string[];
  /** The Prometheus text exposition. */
  readonly metrics: () => string;
}

/**
 * `serveNode`'s `onRequest` for the service: `GET /healthz` (live), `/readyz` (200 or 503 with
 * the problems), `/metrics` (Prometheus text format 0.0.4); 426 on the WebSocket path, 404 elsewhere,
 * 405 for methods other than GET and HEAD.
 */
export function serviceEndpoints(sources: EndpointSources) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const [status, type, body] = answer(
      sources,
      request.method ?? 'GET',
      (request.url ?? '/').split('?')[0]!,
    );
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
  };
}

function answer(sources: EndpointSources, method: string, path: string): [number, string, string] {
  if (method !== 'GET' && method !== 'HEAD') return [405, 'text/plain', 'method not allowed\n'];
  if (path === '/healthz') return [200, 'text/plain', 'ok\n'];
  if (path === '/readyz') {
    const problems = sources.readiness();
    const body = `${JSON.stringify({ ready: problems.length === 0, problems })}\n`;
    return [problems.length === 0 ? 200 : 503, 'application/json', body];
  }
  if (path === '/metrics') return [200, 'text/plain; version=0.0.4; charset=utf-8', sources.metrics()];
  if (path === sources.wsPath) return [426, 'text/plain', 'upgrade required\n'];
  return [404, 'text/plain', 'not found\n'];
}
