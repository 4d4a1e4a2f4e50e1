import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListRootsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';

/** One HTTP request the fixture saw: what the tests assert the channel sent. */
export interface SeenRequest {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
}

/** The official MCP SDK's Streamable HTTP server (with an event store) on 127.0.0.1, port 0. */
export interface McpFixture {
  readonly url: string;
  readonly seen: SeenRequest[];
  readonly sessions: Map<string, StreamableHTTPServerTransport>;
  /** Sends a notification on the session's standalone GET stream. */
  announce(sessionId: string, data: string): Promise<void>;
  close(): Promise<void>;
}

function buildServer(): McpServer {
  const mcp = new McpServer({ name: 'fixture', version: '1.0.0' }, { capabilities: { logging: {} } });
  mcp.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  mcp.registerTool('chatty', { inputSchema: { count: z.number() } }, async ({ count }, extra) => {
    for (let i = 0; i < count; i++) {
      await extra.sendNotification({
        method: 'notifications/message',
        params: { level: 'info', data: `step ${i}` },
      });
    }
    return { content: [{ type: 'text', text: `done ${count}` }] };
  });
  // Drops its SSE stream mid-response; the answer is only reachable by resuming with Last-Event-ID.
  mcp.registerTool('drop', {}, async (extra) => {
    await extra.sendNotification({
      method: 'notifications/message',
      params: { level: 'info', data: 'before drop' },
    });
    extra.closeSSEStream?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await extra.sendNotification({
      method: 'notifications/message',
      params: { level: 'info', data: 'after drop' },
    });
    return { content: [{ type: 'text', text: 'survived' }] };
  });
  // Asks the client something in the middle of a call (a server-to-client request).
  mcp.registerTool('ask-roots', {}, async (extra) => {
    const roots = await extra.sendRequest({ method: 'roots/list' }, ListRootsResultSchema);
    return { content: [{ type: 'text', text: roots.roots.map((r) => r.uri).join(',') }] };
  });
  return mcp;
}

export async function startMcpFixture(
  options: { eventStore?: boolean; json?: boolean } = {},
): Promise<McpFixture> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const servers = new Map<string, McpServer>();
  const seen: SeenRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    seen.push({ method: req.method ?? '', headers: req.headers });
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport = sessionId ? sessions.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId || req.method !== 'POST') {
        res
          .writeHead(sessionId ? 404 : 400)
          .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'no session' }, id: null }));
        return;
      }
      const mcp = buildServer();
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: options.json ?? false,
        ...(options.eventStore === false ? {} : { eventStore: new InMemoryEventStore(), retryInterval: 10 }),
        onsessioninitialized: (id) => {
          sessions.set(id, created);
          servers.set(id, mcp);
        },
        onsessionclosed: (id) => {
          sessions.delete(id);
        },
      });
      transport = created;
      await mcp.connect(created);
    }
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    seen,
    sessions,
    async announce(sessionId, data) {
      await servers
        .get(sessionId)
        ?.server.notification({ method: 'notifications/message', params: { level: 'info', data } });
    },
    async close() {
      for (const mcp of servers.values()) await mcp.close().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
