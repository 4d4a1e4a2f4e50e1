/** V1 facts from everyday calls: contracts.collectV1 / toV1 over run(), request(), stream(), call() and the WebSocket lane. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { decodeContract, encodeContract } from '../../src/core/contracts/codec.js';
import { buildEnvelope } from '../../src/core/contracts/lane-support/build-envelope.js';
import { buildLineage } from '../../src/core/contracts/lane-support/build-lineage.js';
import { buildRoute } from '../../src/core/contracts/lane-support/build-route.js';
import { collectV1, toV1, type V1Facts } from '../../src/core/contracts/lane-support/to-v1.js';
import { startExecution } from '../../src/core/start-execution.js';
import { request } from '../../src/http/request.js';
import { call } from '../../src/jsonrpc/call.js';
import { run } from '../../src/process/entry.js';
import { stream } from '../../src/sse/stream.js';
import { websocketLane } from '../../src/websocket/websocket-lane.js';
import { startWsRpcServer, type WsRpcServer } from '../jsonrpc/ws-rpc-server.js';

let http: Server;
let base: string;
let rpc: WsRpcServer;
let wss: WebSocketServer;

beforeAll(async () => {
  http = createServer((req, res) => {
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"n":1}\n\ndata: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  rpc = await startWsRpcServer();
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  await new Promise<void>((resolve) => wss.on('listening', () => resolve()));
});

afterAll(async () => {
  http.close();
  await rpc.close();
  wss.close();
});

const lineage = { idempotency_key: 'idem-1', tenant_id: 'tenant-a' };

/** Facts that re-decode through the V1 codec and share one route and lineage. */
function expectValid(facts: V1Facts, family: string) {
  const outcome = decodeContract(JSON.parse(encodeContract(facts.outcome)), 'execution_outcome.v1');
  expect(outcome.family).toBe(family);
  expect(outcome.lineage).toMatchObject({ idempotency_key: 'idem-1', tenant_id: 'tenant-a' });
  for (const event of facts.events) {
    const decoded = decodeContract(JSON.parse(encodeContract(event)), 'execution_event.v1');
    expect(decoded.route_id).toBe(outcome.route_id);
    expect(decoded.lineage.event_id).toBe(decoded.event_id);
  }
  expect(facts.events[0]?.event_type).toBe('dispatch.started');
  expect(facts.events.at(-1)?.event_type).toMatch(/^dispatch\.(completed|failed)$/);
  return outcome;
}

describe('contracts.collectV1 on each lane', () => {
  it('process: run()', async () => {
    const facts = await collectV1(run('echo', ['hi']), { lineage });
    const outcome = expectValid(facts, 'process');
    expect(outcome).toMatchObject({ status: 'succeeded', raw_payload: { stdout: 'hi', exit_code: 0 } });
    expect(facts.events.map((e) => e.event_type)).toContain('process.exit');
  });

  it('process: a failed run keeps its failure class and code', async () => {
    const facts = await collectV1(run('sleep', ['5'], { timeoutMs: 50 }), { lineage });
    const outcome = expectValid(facts, 'process');
    expect(outcome).toMatchObject({
      status: 'failed',
      failure: { failure_class: 'timeout', details: { code: 'TIMEOUT' } },
    });
    expect(facts.events.at(-1)).toMatchObject({
      event_type: 'dispatch.failed',
      payload: { failure_class: 'timeout' },
    });
  });

  it('http: request()', async () => {
    const facts = await collectV1(request(`${base}/x`), { lineage, protocol: 'http' });
    const outcome = expectValid(facts, 'http');
    expect(outcome.raw_payload).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(outcome.metrics).toMatchObject({ timeout_ms: 30_000 });
  });

  it('sse: stream()', async () => {
    const facts = await collectV1(stream(`${base}/events`, { json: true }), { lineage });
    expectValid(facts, 'sse');
    expect(facts.events.map((e) => e.event_type)).toContain('sse.batch');
  });

  it('jsonrpc: call()', async () => {
    const facts = await collectV1(call({ kind: 'websocket', url: `${rpc.url}/rpc` }, 'add', [1, 2]), {
      lineage,
      family: 'process',
      protocol: 'jsonrpc',
    });
    const outcome = expectValid(facts, 'process');
    expect(outcome.raw_payload).toMatchObject({ response: { result: 3 } });
  });

  it('websocket: the lane', async () => {
    const port = (wss.address() as AddressInfo).port;
    const execution = startExecution(websocketLane, {
      url: `ws://127.0.0.1:${port}`,
      send: ['ping'],
      closeAfterMessages: 1,
    });
    const facts = await collectV1(execution, { lineage });
    expectValid(facts, 'websocket');
    expect(facts.events.map((e) => e.event_type)).toContain('websocket.message');
  });
});

describe('contracts: the reference lineage, envelope and route builders', () => {
  it('buildLineage requires an idempotency_key and generates the rest', () => {
    expect(() => buildLineage('http', {} as never)).toThrow(/idempotency_key is required/);
    const built = buildLineage('http', { idempotency_key: 'k' });
    expect(built).toMatchObject({ tenant_id: 'tenant:auto', idempotency_key: 'k' });
    expect(built.route_id).toMatch(/^http-route-\d+$/);
    expect(built.attempt_ref).toMatch(/^attempt:\/\/http\/\d+$/);
    expect(built.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(() => buildLineage('http', { idempotency_key: 'k', bogus: 'x' } as never)).toThrow(
      /unknown lineage key/,
    );
  });

  it('buildEnvelope and buildRoute give contracts the kernel accepts together', () => {
    const built = buildLineage('process', { idempotency_key: 'k' });
    const envelope = buildEnvelope('process', 'process', 'process.run', built, {
      requested_capabilities: ['a', 'process.run'],
    });
    expect(envelope).toMatchObject({
      idempotency_key: 'k',
      trace_id: built.trace_id,
      attempt_ref: built.attempt_ref,
      requested_capabilities: ['a', 'process.run'],
    });
    const route = buildRoute(built, {
      family: 'process',
      protocol: 'process',
      transport_family: 'process',
      placement_family: 'local',
      target: { target_id: 'local-runtime' },
      timeout_ms: 5_000,
    });
    expect(route).toMatchObject({ route_id: built.route_id, resolved_budget: { timeout_ms: 5_000 } });
    expect(buildRoute(built, { ...route, target: {}, timeout_ms: 0 }).resolved_budget).toEqual({
      timeout_ms: 5_000,
    });
  });

  it('toV1 over events and an outcome already at hand', async () => {
    const execution = run('true');
    const events = [];
    for await (const event of execution) events.push(event);
    const facts = toV1(
      { events, outcome: await execution.result },
      { lineage: buildLineage('process', lineage) },
    );
    expect(facts.outcome.status).toBe('succeeded');
  });
});
