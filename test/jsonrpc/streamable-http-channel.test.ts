import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonRpcConnection, createStreamableHttpChannel } from '../../src/jsonrpc/index.js';
import { type McpFixture, startMcpFixture } from './streamable-mcp-server.js';

const PROTOCOL = '2025-11-25';
let fixture: McpFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function open(url: string, headers: Record<string, string> = {}) {
  const rpc = createJsonRpcConnection(createStreamableHttpChannel(url, { headers, reconnectDelayMs: 10 }), {
    dialect: 'mcp',
    requestTimeoutMs: 10_000,
  });
  const notes: unknown[] = [];
  rpc.onNotification(
    'notifications/message',
    (params) => void notes.push((params as { data: unknown }).data),
  );
  rpc.onRequest('roots/list', () => ({ roots: [{ uri: 'file:///work' }] }));
  const init = (await rpc.request('initialize', {
    protocolVersion: PROTOCOL,
    capabilities: { roots: {} },
    clientInfo: { name: 'test', version: '1' },
  })) as { protocolVersion: string; serverInfo: { name: string } };
  await rpc.notify('notifications/initialized', {});
  return { rpc, init, notes };
}

function textOf(result: unknown): string {
  return (result as { content: Array<{ text: string }> }).content[0]?.text ?? '';
}

describe('createStreamableHttpChannel against the MCP SDK server', () => {
  it('initializes, then sends the session id and protocol version on every later request', async () => {
    fixture = await startMcpFixture();
    const { rpc, init } = await open(fixture.url, { authorization: 'Bearer s3cret' });
    expect(init.serverInfo.name).toBe('fixture');
    const result = await rpc.request('tools/call', { name: 'echo', arguments: { text: 'hi' } });
    expect(textOf(result)).toBe('hi');
    const [first, ...later] = fixture.seen;
    expect(first?.headers['mcp-session-id']).toBeUndefined();
    expect(first?.headers.accept).toBe('application/json, text/event-stream');
    const sessionId = [...fixture.sessions.keys()][0];
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const request of later) {
      expect(request.headers['mcp-session-id']).toBe(sessionId);
      expect(request.headers['mcp-protocol-version']).toBe(PROTOCOL);
      expect(request.headers.authorization).toBe('Bearer s3cret');
    }
    await rpc.close();
  });

  it('delivers notifications sent on a request stream before its result', async () => {
    fixture = await startMcpFixture();
    const { rpc, notes } = await open(fixture.url);
    const result = await rpc.request('tools/call', { name: 'chatty', arguments: { count: 3 } });
    expect(textOf(result)).toBe('done 3');
    expect(notes).toEqual(['step 0', 'step 1', 'step 2']);
    await rpc.close();
  });

  it('answers a server request made in the middle of a call', async () => {
    fixture = await startMcpFixture();
    const { rpc } = await open(fixture.url);
    expect(textOf(await rpc.request('tools/call', { name: 'ask-roots', arguments: {} }))).toBe(
      'file:///work',
    );
    await rpc.close();
  });

  it('resumes a stream the server drops mid-response with Last-Event-ID', async () => {
    fixture = await startMcpFixture();
    const { rpc, notes } = await open(fixture.url);
    const result = await rpc.request('tools/call', { name: 'drop', arguments: {} });
    expect(textOf(result)).toBe('survived');
    expect(notes).toEqual(['before drop', 'after drop']);
    const resumes = fixture.seen.filter(
      (r) => r.method === 'GET' && r.headers['last-event-id'] !== undefined,
    );
    expect(resumes.length).toBeGreaterThanOrEqual(1);
    await rpc.close();
  });

  it('receives server-initiated messages on the standalone GET stream', async () => {
    fixture = await startMcpFixture();
    const { rpc, notes } = await open(fixture.url);
    const sessionId = [...fixture.sessions.keys()][0] as string;
    await waitFor(() => fixture?.seen.some((r) => r.method === 'GET') ?? false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.announce(sessionId, 'hello from the server');
    await waitFor(() => notes.includes('hello from the server'));
    await rpc.close();
  });

  it('ends the session with DELETE on close', async () => {
    fixture = await startMcpFixture();
    const { rpc } = await open(fixture.url);
    expect(fixture.sessions.size).toBe(1);
    const outcome = await rpc.close();
    expect(outcome.status).toBe('succeeded');
    expect(fixture.seen.at(-1)?.method).toBe('DELETE');
    expect(fixture.sessions.size).toBe(0);
  });

  it('works with a server that answers with plain JSON', async () => {
    fixture = await startMcpFixture({ json: true, eventStore: false });
    const { rpc } = await open(fixture.url);
    expect(textOf(await rpc.request('tools/call', { name: 'echo', arguments: { text: 'json' } }))).toBe(
      'json',
    );
    await rpc.close();
  });

  it('fails the connection with HTTP_STATUS (session_expired) when the server forgets the session', async () => {
    fixture = await startMcpFixture();
    const { rpc } = await open(fixture.url);
    fixture.sessions.clear();
    const error = await rpc
      .request('tools/call', { name: 'echo', arguments: { text: 'x' } })
      .catch((e: unknown) => e);
    // The channel is over once the session is gone: the pending request ends with it.
    expect(error).toMatchObject({ code: 'SESSION_ENDED', details: { status: 404, session_expired: true } });
    expect((error as { cause: { code: string } }).cause.code).toBe('HTTP_STATUS');
    const outcome = await rpc.result;
    expect(outcome.failure?.code).toBe('HTTP_STATUS');
  });
});

describe('createStreamableHttpChannel failure paths', () => {
  it('rejects a request whose stream ends without a response and without an event id (RESPONSE_LOST)', async () => {
    const server = createServer((req, res) => {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        'event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"data":"x"}}\n\n',
      );
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    const rpc = createJsonRpcConnection(createStreamableHttpChannel(url), { dialect: 'mcp' });
    const error = await rpc.request('slow', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RESPONSE_LOST', failureClass: 'remote_disconnect' });
    expect(rpc.status).toBe('running');
    await rpc.close();
    server.closeAllConnections();
    server.close();
  });

  it('resumes after the socket itself is destroyed mid-response (GET with Last-Event-ID gets the rest)', async () => {
    const resumedWith: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (req.method === 'GET') {
        const last = req.headers['last-event-id'] as string | undefined;
        resumedWith.push(last);
        if (last !== 'e1') return void res.writeHead(405).end();
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('id: e2\ndata: {"jsonrpc":"2.0","id":0,"result":{"resumed":true}}\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        'retry: 5\nid: e1\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"data":"x"}}\n\n',
      );
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    const rpc = createJsonRpcConnection(createStreamableHttpChannel(url, { standaloneStream: false }), {
      dialect: 'mcp',
    });
    expect(await rpc.request('slow', {})).toEqual({ resumed: true });
    expect(resumedWith).toEqual(['e1']);
    await rpc.close();
    server.closeAllConnections();
    server.close();
  });

  it('rejects a request answered with an error status (HTTP_STATUS) and keeps the channel', async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.headers['x-fail'] ? 503 : 200, { 'content-type': 'application/json' });
      res.end('{"jsonrpc":"2.0","id":0,"result":"ok"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    const failing = createJsonRpcConnection(createStreamableHttpChannel(url, { headers: { 'x-fail': '1' } }));
    const error = await failing.request('x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', details: { status: 503, session_expired: false } });
    expect(failing.status).toBe('running');
    await failing.close();
    const working = createJsonRpcConnection(createStreamableHttpChannel(url));
    expect(await working.request('x')).toBe('ok');
    await working.close();
    server.closeAllConnections();
    server.close();
  });

  it('reports a refused connection as CONNECT_FAILED with credential headers redacted', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const channel = createStreamableHttpChannel(`http://127.0.0.1:${port}/mcp`, {
      headers: { authorization: 'Bearer s3cret', 'x-api-key': 'k3y', 'x-trace': 't1' },
    });
    const rpc = createJsonRpcConnection(channel, { dialect: 'mcp' });
    const error = (await rpc.request('initialize', {}).catch((e: unknown) => e)) as {
      code: string;
      details: Record<string, unknown>;
    };
    expect(error.code).toBe('CONNECT_FAILED');
    expect(error.details.request_headers).toEqual({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'x-trace': 't1',
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
    });
    expect(JSON.stringify(error)).not.toContain('s3cret');
    await rpc.close();
  });

  it('validates the URL and options before any I/O', () => {
    expect(() => createStreamableHttpChannel('ftp://x/mcp')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    // @ts-expect-error an unknown option
    expect(() => createStreamableHttpChannel('http://127.0.0.1:1/mcp', { header: {} })).toThrow(
      /did you mean `headers`/,
    );
    expect(() => createStreamableHttpChannel('http://127.0.0.1:1/mcp', { maxReconnects: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
