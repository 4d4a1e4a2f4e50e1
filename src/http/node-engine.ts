import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pipeline, Readable } from 'node:stream';
import type { HeaderRecord } from '../internal/http/headers.js';
import { ACCEPT_ENCODING, withAcceptEncoding } from './accept-encoding.js';
import type { BodyProgress, BodyReader, EngineRequest, EngineResponse, HttpEngine } from './engine.js';
import { bodyEncoding } from './has-body.js';
import { HeldBody } from './held-body.js';
import type { NodeAgents } from './options.js';
import { tunnelAgent } from './proxy-tunnel.js';
import { readWhole } from './read-whole.js';
import { prematureClose, readableBodyReader } from './readable-body.js';

const noop = () => {};

/**
 * The Node engine: `node:http`/`node:https` on keep-alive agents (the global ones unless
 * `agents` is given). It reports the connect phase, asks for and decodes gzip, deflate and br
 * like fetch, and aborts with the request's abort reason. With a proxy, plain http goes to it in
 * absolute form and https through pooled CONNECT tunnels.
 */
export function createNodeEngine(agents: NodeAgents = {}): HttpEngine {
  return { send: (request) => send(request, agents) };
}

/**
 * The options node:http sends with: the URL's parts spelled out, so node:http does not convert
 * a URL (`urlToHttpOptions`) per request. With a proxy, plain http goes to the proxy in absolute
 * form; https through a CONNECT tunnel.
 */
function optionsOf(request: EngineRequest, agents: NodeAgents, tls: boolean): http.RequestOptions {
  const { url, method, proxy } = request;
  // Every header goes in the options: with `expect: 100-continue` Node sends them at once, and a
  // header set afterwards throws ERR_HTTP_HEADERS_SENT.
  const headers = request.headers;
  if (proxy && !tls) {
    // Plain http through a forward proxy: the absolute-form request goes to the proxy itself.
    const via: Record<string, string> = { ...withAcceptEncoding(headers), host: url.host };
    if (proxy.authorization) via['proxy-authorization'] = proxy.authorization;
    return {
      method,
      host: proxy.url.hostname,
      port: proxy.url.port || 80,
      path: url.href,
      headers: via,
      agent: (agents.http as http.Agent | undefined) ?? undefined,
    };
  }
  const agent = proxy
    ? tunnelAgent(proxy, agents.https as https.Agent | undefined)
    : ((tls ? agents.https : agents.http) as http.Agent | undefined);
  const host = url.hostname;
  return {
    protocol: url.protocol,
    // node:http takes an IPv6 literal without its brackets.
    hostname: host.charCodeAt(0) === 91 ? host.slice(1, -1) : host,
    port: url.port,
    path: url.pathname + url.search,
    method,
    headers: headerList(headers, url),
    agent: agent ?? undefined,
  };
}

/**
 * The headers as node:http's flat `[name, value, …]` list, which it writes as they are instead of
 * validating and storing each through `setHeader` (several µs per request). What node:http adds
 * to an object of headers is added here: `host` (the URL's, port only when not the default),
 * unless the caller set it; and `accept-encoding` is asked for here too, unless the caller set it
 * (no copy of the record for it). (The `authorization` node:http would make from a URL's
 * user-info never applies: planning refuses a URL with user-info, and a redirect's target loses it.)
 */
function headerList(headers: HeaderRecord, url: URL): string[] {
  const list: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) list.push(name, value);
  }
  if (headers.host === undefined) list.push('host', url.host);
  if (headers['accept-encoding'] === undefined) list.push('accept-encoding', ACCEPT_ENCODING);
  return list;
}

function send(request: EngineRequest, agents: NodeAgents): Promise<EngineResponse> {
  const tls = request.url.protocol === 'https:';
  let req: http.ClientRequest;
  try {
    req = (tls ? https : http).request(optionsOf(request, agents, tls));
  } catch (error) {
    return Promise.reject(error);
  }
  return new NodeExchange(req, request, tls).response;
}

function writeBody(req: http.ClientRequest, request: EngineRequest): void {
  const body = request.body;
  if (body === undefined) req.end();
  else if (body.kind === 'bytes') req.end(body.data);
  else pipeline(Readable.fromWeb(body.stream as import('node:stream/web').ReadableStream), req, noop);
}

/**
 * One request on node:http and, once its headers are in, its response: one object per request
 * (its listeners call its methods), not a closure scope per request and another object for the
 * response. Unless the lane streams it or it is encoded, the body is read from the headers on
 * ({@link HeldBody}), as the raw `data`/`end` loop does, so a small body is whole by the time
 * the lane asks for it and is handed over with no promise and no await.
 */
class NodeExchange extends HeldBody implements EngineResponse {
  #req: http.ClientRequest;
  #request: EngineRequest;
  #res: IncomingMessage | undefined;
  #unsubscribe: () => void;
  #continueTimer: ReturnType<typeof setTimeout> | undefined;
  #bodyStarted = false;
  #skipped = false;
  // The request's own error after the headers: what really ended the body.
  #error: Error | undefined;
  #listening = false;

  constructor(req: http.ClientRequest, request: EngineRequest, tls: boolean) {
    super();
    this.#req = req;
    this.#request = request;
    // Kept for the request's whole life: a late socket error must never become an uncaught one.
    // After the headers it is the body's real cause (a malformed chunk is HPE_*, not a reset).
    req.on('error', (error) => this.#failed(error));
    // A free keep-alive socket taken (node:http says so at once): no connect phase to report.
    if (!req.reusedSocket) {
      req.on('socket', (socket) => {
        const progress = request.progress;
        if (!socket.connecting || !progress) return;
        progress.connecting();
        socket.once(tls ? 'secureConnect' : 'connect', () => progress.connected());
      });
    }
    req.on('response', (res) => this.#responded(res));
    this.#unsubscribe = request.abort.onAbort((reason) => {
      clearTimeout(this.#continueTimer);
      req.destroy(reason as Error);
    });
    if (request.abort.aborted) return;
    if (request.headers.expect?.toLowerCase() === '100-continue') {
      // The body waits for the server's `100 Continue`, or `continueMs`, whichever comes first.
      const sendBody = () => this.#sendBody();
      req.once('continue', sendBody);
      this.#continueTimer = setTimeout(sendBody, request.continueMs ?? 1_000);
    } else this.#sendBody();
  }

  readBody(limit: number, progress: BodyProgress): Uint8Array | Promise<Uint8Array> {
    // An encoded body goes through a zlib stream (the limit counts decoded bytes).
    if (!this.#listening && this.#encoding() !== undefined) return readWhole(this.open(), limit, progress);
    this.#listen();
    // Aborted, even once the body came whole: the attempt is over all the same.
    const abort = this.#request.abort;
    if (abort.aborted) {
      this.discard();
      return Promise.reject(abort.reason);
    }
    return this.collect(limit, progress);
  }

  open(): BodyReader {
    return readableBodyReader({
      body: this.#res as IncomingMessage,
      encoding: this.#encoding(),
      release: () => this.released(),
      cause: () => this.#error,
    });
  }

  override discard(): void {
    this.#listen();
    super.discard();
    this.released();
  }

  #sendBody(): void {
    clearTimeout(this.#continueTimer);
    if (this.#bodyStarted || this.#request.abort.aborted) return;
    this.#bodyStarted = true;
    writeBody(this.#req, this.#request);
  }

  #failed(error: Error): void {
    clearTimeout(this.#continueTimer);
    this.#unsubscribe();
    if (!this.refuse(error)) this.#error ??= error;
  }

  #responded(res: IncomingMessage): void {
    clearTimeout(this.#continueTimer);
    // A final answer before `100 Continue`: the body is never sent, so the request cannot end
    // cleanly on this socket; it is closed once the response is read.
    this.#skipped = !this.#bodyStarted;
    this.#bodyStarted = true;
    this.#res = res;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    const raw = res.headers;
    for (const name in raw) {
      const value = raw[name];
      if (value !== undefined) this.headers[name] = typeof value === 'string' ? value : value.join(', ');
    }
    if (!this.#request.streamed && this.#encoding() === undefined) this.#listen();
    // Until the body is read or discarded (the consumer may hold the lane in between), a socket
    // error must not become an uncaught one; reading reports it.
    else res.on('error', noop);
    this.respond();
  }

  #encoding(): string | undefined {
    return bodyEncoding(this.#request.method, this.status, this.headers);
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    const res = this.#res as IncomingMessage;
    // While the lane waited on a slow consumer the socket may have failed, or an abort may have
    // dumped the body (Node drains a response whose request is destroyed): nothing left to read.
    if (res.destroyed || res.readableEnded) {
      this.fail(this.#error ?? res.errored ?? prematureClose());
      return;
    }
    res.on('error', (error) => this.fail(this.#error ?? error));
    res.on('data', (chunk: Buffer) => {
      if (!this.chunk(chunk)) res.pause();
    });
    res.on('end', () => this.ended());
    // A socket destroyed mid-body may close the response without an 'error'.
    res.on('close', () => {
      if (!res.complete) this.fail(this.#error ?? prematureClose());
    });
  }

  protected flow(): void {
    this.#res?.resume();
  }

  protected stop(): void {
    this.#res?.destroy();
  }

  // The exchange is over: its abort subscription goes (and a skipped body's socket closes).
  protected released(): void {
    this.#unsubscribe();
    if (this.#skipped) this.#req.destroy();
  }
}
