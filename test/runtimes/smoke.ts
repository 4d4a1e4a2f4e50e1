/**
 * The runtime smoke suite: one small run of each portable subpath against the local servers of
 * `smoke-server.ts`, imported by package name only (so each runtime resolves `exports` its own
 * way). Every check catches its own failure, so one report shows all of them. Kept free of Node
 * APIs and of `await using`, because it runs as is in Deno and Bun, and bundled in Chromium and
 * workerd.
 */
import { isExecutionError, memoryLane, startExecution } from 'execution-plane/core';
import { request } from 'execution-plane/http';
import {
  createJsonRpcConnection,
  createMemoryChannelPair,
  createStreamableHttpChannel,
  createWebSocketChannel,
} from 'execution-plane/jsonrpc';
import { stream } from 'execution-plane/sse';
import { connect } from 'execution-plane/websocket';

/** One check's result: what it saw, or the error code and message that stopped it. */
export type SmokeResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/** Every check of {@link runSmoke}, by name. */
export type SmokeReport = Record<string, SmokeResult>;

/** Milliseconds any one check may take; a hang fails that check, not the whole run. */
const CHECK_TIMEOUT_MS = 10_000;

async function check(run: () => Promise<unknown>): Promise<SmokeResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    return { ok: true, value: await Promise.race([run(), timeout]) };
  } catch (error) {
    const code = isExecutionError(error) ? `${error.code}: ` : '';
    return { ok: false, error: `${code}${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

async function core(): Promise<unknown> {
  const execution = startExecution(
    memoryLane,
    { events: [{ type: 'memory.note', payload: 'working' }], output: { answer: 42 } },
    { timeoutMs: 5_000 },
  );
  const types: string[] = [];
  for await (const event of execution) types.push(event.event_type);
  const outcome = await execution.result;
  return { status: outcome.status, output: outcome.output, types };
}

async function http(base: string): Promise<unknown> {
  const { status, body } = await request(`${base}/json`, { responseType: 'json', timeoutMs: 5_000 }).output();
  return { status, body };
}

// What asking for node:http gives here: the Node build runs it, the portable build refuses it.
async function nodeEngine(base: string): Promise<unknown> {
  const outcome = await request(`${base}/json`, { engine: 'node', timeoutMs: 5_000 }).result;
  return outcome.status === 'succeeded' ? 'succeeded' : outcome.failure?.code;
}

async function sse(base: string): Promise<unknown> {
  const execution = stream(`${base}/events`, { json: true, timeoutMs: 5_000 });
  const values: unknown[] = [];
  for await (const message of execution.messages()) values.push(message.value);
  return { values, status: (await execution.result).status };
}

async function websocket(wsBase: string): Promise<unknown> {
  const session = connect(`${wsBase}/echo`, { timeoutMs: 5_000 });
  await session.ready();
  await session.send('hello');
  let echoed: unknown;
  for await (const event of session) {
    if (event.event_type === 'websocket.message') {
      echoed = event.payload.kind === 'text' ? event.payload.text : event.payload.bytes;
      break;
    }
  }
  const outcome = await session.close(1000, 'done');
  return { echoed, status: outcome.status, closeCode: outcome.output?.close_code };
}

async function jsonrpcMemory(): Promise<unknown> {
  const [a, b] = createMemoryChannelPair();
  const server = createJsonRpcConnection(b);
  server.onRequest('add', (params) => (params as number[]).reduce((x, y) => x + y, 0));
  const client = createJsonRpcConnection(a, { requestTimeoutMs: 5_000 });
  try {
    return await client.request('add', [2, 3]);
  } finally {
    await client.close();
    await server.close();
  }
}

async function jsonrpcWebSocket(wsBase: string): Promise<unknown> {
  const rpc = createJsonRpcConnection(createWebSocketChannel(connect(`${wsBase}/rpc`)), {
    requestTimeoutMs: 5_000,
  });
  try {
    return await rpc.request('add', [4, 5]);
  } finally {
    await rpc.close();
  }
}

async function jsonrpcStreamableHttp(base: string): Promise<unknown> {
  const rpc = createJsonRpcConnection(createStreamableHttpChannel(`${base}/mcp`), {
    dialect: 'mcp',
    requestTimeoutMs: 5_000,
  });
  try {
    const init = (await rpc.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'smoke', version: '1' },
    })) as { serverInfo?: { name?: string } };
    await rpc.notify('notifications/initialized', {});
    return { server: init.serverInfo?.name, sum: await rpc.request('add', [6, 7]) };
  } finally {
    await rpc.close();
  }
}

/**
 * Runs every check against the servers at `base` (`http://127.0.0.1:port`; the WebSocket
 * endpoints are on the same port) and reports each by name.
 */
export async function runSmoke(base: string): Promise<SmokeReport> {
  const wsBase = base.replace(/^http/, 'ws');
  return {
    core: await check(core),
    http: await check(() => http(base)),
    nodeEngine: await check(() => nodeEngine(base)),
    sse: await check(() => sse(base)),
    websocket: await check(() => websocket(wsBase)),
    jsonrpcMemory: await check(jsonrpcMemory),
    jsonrpcWebSocket: await check(() => jsonrpcWebSocket(wsBase)),
    jsonrpcStreamableHttp: await check(() => jsonrpcStreamableHttp(base)),
  };
}
