import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createJsonRpcConnection, createStreamableHttpChannel } from '../../src/jsonrpc/index.js';

/** The MCP SDK's legacy HTTP+SSE server (2024-11-05): GET /mcp streams, POST /messages?sessionId= takes. */
async function legacyServer() {
  const transports = new Map<string, SSEServerTransport>();
  const seen: string[] = [];
  const server = createServer(async (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/mcp') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      const mcp = new McpServer({ name: 'legacy', version: '1' }, { capabilities: { logging: {} } });
      mcp.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
        await extra.sendNotification({
          method: 'notifications/message',
          params: { level: 'info', data: 'echoing' },
        });
        return { content: [{ type: 'text', text }] };
      });
      await mcp.connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = transports.get(url.searchParams.get('sessionId') ?? '');
      if (transport) return void (await transport.handlePostMessage(req, res));
      return void res.writeHead(404).end();
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  return { url, seen, server };
}

describe('createStreamableHttpChannel falling back to the legacy HTTP+SSE transport', () => {
  it('initializes, calls a tool and receives notifications through the MCP SDK legacy server', async () => {
    const { url, seen, server } = await legacyServer();
    const rpc = createJsonRpcConnection(createStreamableHttpChannel(url), {
      dialect: 'mcp',
      requestTimeoutMs: 10_000,
    });
    const notes: unknown[] = [];
    rpc.onNotification(
      'notifications/message',
      (params) => void notes.push((params as { data: unknown }).data),
    );
    const init = (await rpc.request('initialize', {
      protocolVersion: '2024-11-05',
      capabilities: {},
      clientInfo: { name: 'legacy-test', version: '1' },
    })) as { serverInfo: { name: string } };
    expect(init.serverInfo.name).toBe('legacy');
    await rpc.notify('notifications/initialized', {});
    const result = (await rpc.request('tools/call', { name: 'echo', arguments: { text: 'old' } })) as {
      content: Array<{ text: string }>;
    };
    expect(result.content[0]?.text).toBe('old');
    expect(notes).toEqual(['echoing']);
    expect(seen[0]).toBe('POST /mcp'); // tried Streamable HTTP first
    expect(seen[1]).toBe('GET /mcp');
    expect(seen.slice(2).every((line) => line.startsWith('POST /messages?sessionId='))).toBe(true);
    await rpc.close();
    server.closeAllConnections();
    server.close();
  });

  it('does not fall back with legacyFallback: false', async () => {
    const { url, server } = await legacyServer();
    const rpc = createJsonRpcConnection(createStreamableHttpChannel(url, { legacyFallback: false }), {
      dialect: 'mcp',
    });
    const error = await rpc.request('initialize', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', details: { status: 405 } });
    await rpc.close();
    server.closeAllConnections();
    server.close();
  });
});
