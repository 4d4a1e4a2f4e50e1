/**
 * JSON-RPC over MCP Streamable HTTP: sequential `tools/call` round trips (and `ping`) against the
 * official MCP SDK server (SSE answers, event store on), through `createStreamableHttpChannel`
 * and through the MCP SDK's own client on the same server. Cases are interleaved round by round;
 * each reports its best round.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { createJsonRpcConnection, createStreamableHttpChannel } from 'execution-plane/jsonrpc';
import { startMcpFixture } from '../test/jsonrpc/streamable-mcp-server.ts';
import type { BenchReport } from './report.ts';

const CALLS_PER_ROUND = 300;
const PROTOCOL = '2025-06-18';

async function ours(url: string) {
  const rpc = createJsonRpcConnection(createStreamableHttpChannel(url), { dialect: 'mcp' });
  await rpc.request('initialize', {
    protocolVersion: PROTOCOL,
    capabilities: {},
    clientInfo: { name: 'bench', version: '1' },
  });
  await rpc.notify('notifications/initialized', {});
  return {
    call: () => rpc.request('tools/call', { name: 'echo', arguments: { text: 'hi' } }),
    ping: () => rpc.request('ping', {}),
    close: () => rpc.close(),
  };
}

async function sdk(url: string) {
  const client = new Client({ name: 'bench', version: '1' });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  return {
    call: () =>
      client.request(
        { method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' } } },
        CallToolResultSchema,
      ),
    ping: () => client.request({ method: 'ping' }, EmptyResultSchema),
    close: async () => {
      await transport.terminateSession().catch(() => {});
      await client.close();
    },
  };
}

export async function run(): Promise<BenchReport> {
  const fixture = await startMcpFixture();
  const clients = { ours: await ours(fixture.url), sdk: await sdk(fixture.url) };
  const best: Record<string, number> = {};
  try {
    for (let round = 0; round <= 6; round++) {
      for (const [name, client] of Object.entries(clients)) {
        for (const op of ['call', 'ping'] as const) {
          const start = performance.now();
          for (let i = 0; i < CALLS_PER_ROUND; i++) await client[op]();
          const rate = (CALLS_PER_ROUND * 1000) / (performance.now() - start);
          if (round > 0) best[`${name}.${op}`] = Math.max(best[`${name}.${op}`] ?? 0, rate);
        }
      }
    }
  } finally {
    for (const client of Object.values(clients)) await client.close();
    await fixture.close();
  }
  const SDK_CALL = 'MCP SDK client: tools/call';
  const SDK_PING = 'MCP SDK client: ping';
  const ms = (rate: number) => `${(1000 / rate).toFixed(2)} ms per round trip`;
  const row = (name: string, key: string, baseline?: string) => ({
    name,
    value: best[key] ?? 0,
    unit: 'round trips/s',
    note: ms(best[key] ?? 1),
    ...(baseline ? { baseline } : {}),
  });
  return {
    title: 'jsonrpc: MCP Streamable HTTP round trips against the MCP SDK server (SSE answers)',
    rows: [
      row(SDK_CALL, 'sdk.call'),
      row('createStreamableHttpChannel: tools/call', 'ours.call', SDK_CALL),
      row(SDK_PING, 'sdk.ping'),
      row('createStreamableHttpChannel: ping', 'ours.ping', SDK_PING),
    ],
  };
}
