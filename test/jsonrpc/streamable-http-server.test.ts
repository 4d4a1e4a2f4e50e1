import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createJsonRpcConnection,
  createStreamableHttpChannel,
  createStreamableHttpHandler,
  type JsonRpcConnection,
  type StreamableHttpHandler,
} from '../../src/jsonrpc/index.js';

let server: Server | undefined;
let handler: StreamableHttpHandler | undefined;

afterEach(async () => {
  await handler?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  handler = undefined;
});

/** A tiny MCP server written on this package's engine: tools/list and tools/call (echo, slow with progress and logs). */
function serveMcp(rpc: JsonRpcConnection): void {
  rpc.onRequest('initialize', (params) => ({
    protocolVersion: (params as { protocolVersion: string }).protocolVersion,
    capabilities: { tools: {}, logging: {} },
    serverInfo: { name: 'execution-plane', version: '1' },
  }));
  rpc.onNotification('notifications/initialized', () => {});
  rpc.onRequest('tools/list', () => ({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] }));
  rpc.onRequest('tools/call', async (params, context) => {
    const { name, arguments: args } = params as { name: string; arguments: { text?: string } };
    if (name === 'slow') {
      await context.progress({ progress: 1, total: 2 });
      await rpc.notify('notifications/message', { level: 'info', data: 'half way' });
      await context.progress({ progress: 2, total: 2 });
    }
    if (name === 'sleep') await new Promise((resolve) => setTimeout(resolve, 100));
    if (name === 'roots') {
      const roots = (await rpc.request('roots/list', {})) as { roots: Array<{ uri: string }> };
      return { content: [{ type: 'text', text: roots.roots.map((r) => r.uri).join(',') }] };
    }
    return { content: [{ type: 'text', text: args.text ?? name }] };
  });
}

async function listen(jsonResponse = false): Promise<string> {
  handler = createStreamableHttpHandler({ onSession: serveMcp, jsonResponse });
  server = createServer(handler.handle);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

describe('createStreamableHttpHandler served to the MCP SDK client', () => {
  it.each([false, true])(
    'lists and calls tools, with progress and logs (jsonResponse %s)',
    async (jsonResponse) => {
      const url = await listen(jsonResponse);
      const client = new Client({ name: 'sdk-client', version: '1' });
      const transport = new StreamableHTTPClientTransport(new URL(url));
      await client.connect(transport);
      expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(handler?.sessions).toBe(1);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['echo']);
      const echoed = await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
      expect(echoed.content).toEqual([{ type: 'text', text: 'hello' }]);
      const logs: unknown[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params.data));
      const progress: number[] = [];
      await client.request(
        { method: 'tools/call', params: { name: 'slow', arguments: {} } },
        CallToolResultSchema,
        { onprogress: (p) => void progress.push(p.progress) },
      );
      if (!jsonResponse) {
        expect(progress).toEqual([1, 2]);
        expect(logs).toEqual(['half way']);
      }
      await transport.terminateSession();
      expect(handler?.sessions).toBe(0);
      await client.close();
    },
  );

  it('answers unknown sessions 404 and session-less requests 400', async () => {
    const url = await listen();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(400);
    const unknown = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...headers, 'mcp-session-id': 'nope' },
    });
    expect(unknown.status).toBe(404);
    expect((await fetch(url, { method: 'PUT' })).status).toBe(405);
    // A browser page of another origin (DNS rebinding) is refused before anything runs.
    const rebinding = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...headers, origin: 'http://evil.example' },
    });
    expect(rebinding.status).toBe(403);
  });

  it('serves this package own client too, with a server request in the middle of a call', async () => {
    const url = await listen();
    const rpc = createJsonRpcConnection(createStreamableHttpChannel(url), { dialect: 'mcp' });
    rpc.onRequest('roots/list', () => ({ roots: [{ uri: 'file:///a' }] }));
    await rpc.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'c', version: '1' },
    });
    await rpc.notify('notifications/initialized', {});
    const result = (await rpc.request('tools/call', { name: 'roots', arguments: {} })) as {
      content: Array<{ text: string }>;
    };
    expect(result.content[0]?.text).toBe('file:///a');
    await rpc.close();
    expect(handler?.sessions).toBe(0);
  });

  it('survives a client that drops a request stream, and serves its next request', async () => {
    const url = await listen();
    const client = new Client({ name: 'sdk-client', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(url));
    await client.connect(transport);
    const aborted = client
      .callTool({ name: 'sleep', arguments: {} }, undefined, { signal: AbortSignal.timeout(20) })
      .catch((e: unknown) => e);
    expect(await aborted).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 150)); // the answer comes with nowhere to go
    const echoed = await client.callTool({ name: 'echo', arguments: { text: 'still here' } });
    expect(echoed.content).toEqual([{ type: 'text', text: 'still here' }]);
    expect(handler?.sessions).toBe(1);
    await client.close();
  });

  it('validates its options before serving', () => {
    // @ts-expect-error onSession is required
    expect(() => createStreamableHttpHandler({})).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});
