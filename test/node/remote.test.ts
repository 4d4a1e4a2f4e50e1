/**
 * Runtime clients and nodes over a real WebSocket on 127.0.0.1: a remote client on node A, node A
 * dispatching to a target served by node B, authentication, cancellation across the wire, and a
 * server closing mid-stream. Every server and client is closed; the last test proves nothing leaked.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeBoundary } from '../../src/core/contracts/boundary/boundary-codec.js';
import { ExecutionResultSchema } from '../../src/core/contracts/boundary/execution-result.js';
import { NodeDescriptorSchema } from '../../src/core/contracts/boundary/node-descriptor.js';
import { isExecutionError } from '../../src/core/errors.js';
import type { ExecutionEvent } from '../../src/core/event.js';
import {
  createNode,
  type NodeServer,
  RemoteRuntimeClient,
  RemoteTargetClient,
  type RuntimeNode,
  serveNode,
  sharedTokenAuthenticator,
} from '../../src/node/index.js';
import {
  fakeLane,
  governedRequest,
  RecordingSink,
  registeredNode,
  stubAttestation,
  TestAuthority,
  TestTargetVerifier,
} from './fakes.js';

const TOKEN = 'test-token-0123456789abcdef';
const authenticate = sharedTokenAuthenticator(TOKEN);
const closers: Array<() => Promise<unknown>> = [];
const later = <T extends { close(): Promise<unknown> }>(value: T): T => {
  closers.push(() => value.close());
  return value;
};

let baseline: { sockets: number; servers: number };
const handles = () => {
  const info = process.getActiveResourcesInfo();
  return {
    sockets: info.filter((r) => r === 'TCPSocketWrap').length,
    servers: info.filter((r) => r === 'TCPServerWrap').length,
  };
};
beforeAll(() => {
  baseline = handles();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
});

/** Node B: the test lane and verifiers, served as a target. */
async function targetNode(): Promise<{ node: RuntimeNode; server: NodeServer; sink: RecordingSink }> {
  const { node, sink } = await registeredNode();
  later(node);
  const server = later(await serveNode(node, { port: 0, authenticate, target: true }));
  return { node, server, sink };
}

/** Node A: no local target; it routes to remote targets with these ids, all on `url`. */
async function dispatchingNode(
  urls: Record<string, string>,
): Promise<{ node: RuntimeNode; sink: RecordingSink }> {
  const node = later(createNode({ nodeId: 'node-a' }));
  const sink = new RecordingSink();
  node.registerLane(fakeLane());
  node.registerTargetVerifier(new TestTargetVerifier());
  node.registerAuthorityVerifier(new TestAuthority());
  node.registerEvidenceSink(sink);
  for (const [targetId, url] of Object.entries(urls)) {
    const connected = await node.connectTarget(
      stubAttestation({ target_id: targetId }),
      later(new RemoteTargetClient(url, { token: TOKEN })),
    );
    expect(connected.ok).toBe(true);
  }
  node.completeRegistration();
  return { node, sink };
}

async function collect(events: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const seen: ExecutionEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('remote runtime client (reference counterparts)', () => {
  it('remote runtime client can replace the local runtime client', async () => {
    const { node } = await registeredNode();
    later(node);
    const server = later(await serveNode(node, { port: 0, authenticate }));
    const client = later(new RemoteRuntimeClient(server.url, { token: TOKEN }));
    const result = await client.execute(governedRequest());
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ ok: true });
    const descriptor = await client.describe();
    expect(descriptor).toEqual(decodeBoundary(NodeDescriptorSchema, await node.describe()));
    const admitted = await client.admit(governedRequest({ request_id: 'adm-remote' }));
    expect(admitted.ok && admitted.decision.request_id).toBe('adm-remote');
    const refused = await client.admit(governedRequest({ contract_version: 9 }));
    expect(!refused.ok && refused.rejection.reason).toBe('contract_version_mismatch');
    const cancelled = await client.cancel(result.execution_ref as string);
    expect(cancelled).toEqual({ ok: true, cancelled: false });
  });

  it('stub remote target uses JSON-RPC over WebSocket target protocol', async () => {
    const b = await targetNode();
    const a = await dispatchingNode({ 'remote-target-1': b.server.url });
    const result = await a.node.execute(governedRequest());
    expect(result.status).toBe('succeeded');
    // Node B received the reference's frame: execution.execute with the ExecutionRequest, whose
    // target descriptor names the target and its verifier (B records them as its evidence context).
    const started = b.sink.records.find((r) => r.evidence_type === 'execution.started');
    expect(started).toMatchObject({
      execution_ref: result.execution_ref,
      target_id: 'remote-target-1',
      target_verifier_id: 'test-target-verifier',
      lane_id: 'process',
      policy_bundle_hash: 'sha256:test',
    });
    expect(b.sink.types()).toEqual(['execution.started', 'execution.completed']);
    expect(a.sink.types()).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
    ]);
  });

  it('a raw JSON-RPC client speaking the reference frame is answered by a target node', async () => {
    const b = await targetNode();
    const socket = new WebSocket(b.server.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    closers.push(async () => socket.terminate());
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const frame = {
      jsonrpc: '2.0',
      id: 1,
      method: 'execution.execute',
      params: {
        contract_version: 1,
        execution_ref: 'exec-raw-1',
        lane_id: 'process',
        payload: { output: { raw: true } },
        target_descriptor: {
          target_id: 'remote-target-1',
          lane_id: 'process',
          verifier_id: 'test-target-verifier',
        },
      },
    };
    socket.send(JSON.stringify(frame));
    const reply = JSON.parse(String(await new Promise((resolve) => socket.once('message', resolve))));
    expect(reply).toMatchObject({ jsonrpc: '2.0', id: 1 });
    const result = decodeBoundary(ExecutionResultSchema, reply.result);
    expect(result).toMatchObject({ execution_ref: 'exec-raw-1', status: 'succeeded', output: { raw: true } });
    socket.close();
  });

  it('one execute dispatches to at most one attested target and does not fallback', async () => {
    const b1 = await targetNode();
    const b2 = await targetNode();
    const a = await dispatchingNode({ 'remote-target-1': b1.server.url, 'remote-target-2': b2.server.url });
    expect((await a.node.execute(governedRequest())).status).toBe('succeeded');
    expect(b1.sink.types()).toEqual(['execution.started', 'execution.completed']);
    await b1.server.close();
    const failed = await a.node.execute(governedRequest());
    expect(failed.status).toBe('failed');
    expect((failed.error as { failure_class: string }).failure_class).toBe('remote_disconnect');
    expect(['REMOTE_DISCONNECT', 'SESSION_ENDED']).toContain((failed.error as { code: string }).code);
    // The second target was never tried.
    expect(b2.sink.records).toEqual([]);
  });
});

describe('two nodes over a real WebSocket: client → node A → target on node B', () => {
  it('admits on A, runs on B, streams back through both hops in order', async () => {
    const b = await targetNode();
    const a = await dispatchingNode({ 'remote-target-1': b.server.url });
    const serverA = later(await serveNode(a.node, { port: 0, authenticate }));
    const client = later(new RemoteRuntimeClient(serverA.url, { token: TOKEN, streamWindow: 4 }));
    const executed = await client.execute(governedRequest({ payload: { output: 'via B' } }));
    expect(executed).toMatchObject({ status: 'succeeded', output: 'via B' });
    const verdict = await client.stream(
      governedRequest({
        payload: { events: [{ type: 'fake.chunk', payload: 1, repeat: 50 }], output: 'streamed' },
      }),
    );
    if (!verdict.ok) throw new Error(verdict.rejection.message ?? 'refused');
    const events = await collect(verdict.events);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 52 }, (_, i) => i));
    expect(events.filter((e) => e.event_type === 'fake.chunk')).toHaveLength(50);
    const result = await verdict.events.result;
    expect(result).toMatchObject({
      status: 'succeeded',
      output: 'streamed',
      execution_ref: verdict.events.executionRef,
    });
    // The same execution ref on every hop.
    expect(b.sink.records.filter((r) => r.execution_ref === verdict.events.executionRef)).toHaveLength(2);
  });

  it('a slow remote consumer slows the lane on node B (credit), nothing is dropped', async () => {
    const b = await targetNode();
    const a = await dispatchingNode({ 'remote-target-1': b.server.url });
    const serverA = later(await serveNode(a.node, { port: 0, authenticate }));
    const client = later(new RemoteRuntimeClient(serverA.url, { token: TOKEN, streamWindow: 2 }));
    const verdict = await client.stream(
      governedRequest({ payload: { events: [{ type: 'fake.chunk', payload: 1, repeat: 3_000 }] } }),
    );
    if (!verdict.ok) throw new Error('refused');
    let seen = 0;
    for await (const event of verdict.events) {
      if (event.event_type !== 'fake.chunk') continue;
      if (++seen === 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        // While we waited, B's execution could not run ahead: it is still going.
        expect(b.node.stats().in_flight).toBe(1);
      }
    }
    expect(seen).toBe(3_000);
    const result = await verdict.events.result;
    const outcome = (result.events[0] as { payload: { outcome: { metrics: { events_dropped: number } } } })
      .payload.outcome;
    expect(outcome.metrics.events_dropped).toBe(0);
  });

  it('cancels across the wire: client → A → B, the execution ends cancelled on both nodes', async () => {
    const b = await targetNode();
    const a = await dispatchingNode({ 'remote-target-1': b.server.url });
    const serverA = later(await serveNode(a.node, { port: 0, authenticate }));
    const client = later(new RemoteRuntimeClient(serverA.url, { token: TOKEN }));
    const controller = new AbortController();
    const running = client.execute(governedRequest({ payload: { hang: true } }), {
      signal: controller.signal,
    });
    await waitFor(() => b.node.stats().in_flight === 1);
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    await waitFor(() => b.node.stats().in_flight === 0);
    expect(b.sink.records.at(-1)?.payload).toMatchObject({ status: 'cancelled' });
    // And by ref, on a stream.
    const verdict = await client.stream(governedRequest({ payload: { hang: true } }));
    if (!verdict.ok) throw new Error('refused');
    await waitFor(() => b.node.stats().in_flight === 1);
    expect(await client.cancel(verdict.events.executionRef)).toEqual({ ok: true, cancelled: true });
    expect((await verdict.events.result).status).toBe('cancelled');
    await waitFor(() => b.node.stats().in_flight === 0);
  });

  it('carries the caller timeout to node B', async () => {
    const b = await targetNode();
    const a = await dispatchingNode({ 'remote-target-1': b.server.url });
    const result = await a.node.execute(governedRequest({ payload: { hang: true } }), { timeoutMs: 50 });
    expect(result.status).toBe('timed_out');
  });
});

describe('authentication and refusals before any WebSocket exists', () => {
  it('refuses a missing or wrong token: calls reject AUTHENTICATION_FAILED, later ones SESSION_ENDED with that cause', async () => {
    const { node } = await registeredNode();
    later(node);
    const server = later(await serveNode(node, { port: 0, authenticate }));
    for (const options of [{}, { token: 'wrong-token' }, { token: `${TOKEN}x` }]) {
      const client = later(new RemoteRuntimeClient(server.url, options));
      const error = await client.describe().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isExecutionError(error) && error.code).toBe('AUTHENTICATION_FAILED');
      expect(String((error as Error).message)).toMatch(/401/);
      // The connection has ended: ready() and every later call say so, with the reason as cause.
      for (const late of [client.ready(), client.admit(governedRequest()), client.cancel('exec-x')]) {
        const ended = await late.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isExecutionError(ended) && ended.code).toBe('SESSION_ENDED');
        expect((ended as Error).cause).toMatchObject({ code: 'AUTHENTICATION_FAILED' });
      }
    }
    expect(node.stats().admitted).toBe(0);
  });

  it('a refused connection: ready() rejects SESSION_ENDED whose cause is CONNECT_FAILED', async () => {
    const { node } = await registeredNode();
    later(node);
    const server = await serveNode(node, { port: 0, authenticate });
    const url = server.url;
    await server.close();
    const client = later(new RemoteRuntimeClient(url, { token: TOKEN }));
    const error = await client.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isExecutionError(error) && error.code).toBe('SESSION_ENDED');
    expect((error as Error).cause).toMatchObject({ code: 'CONNECT_FAILED' });
    await expect(client.describe()).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'CONNECT_FAILED' },
    });
  });

  it('after close(), calls reject SESSION_ENDED; close() is idempotent', async () => {
    const { node } = await registeredNode();
    later(node);
    const server = later(await serveNode(node, { port: 0, authenticate }));
    const client = new RemoteRuntimeClient(server.url, { token: TOKEN });
    await client.ready();
    await client.close();
    await client.close();
    await expect(client.describe()).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(client.execute(governedRequest())).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(client.ready()).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('refuses with 401 when authenticate throws, rejects or hangs; 404 off the path; 426 for plain HTTP', async () => {
    const { node } = await registeredNode();
    later(node);
    const statuses: number[] = [];
    for (const auth of [
      () => {
        throw new Error('auth down');
      },
      () => Promise.reject(new Error('auth down')),
      () => new Promise<boolean>(() => {}),
      // A string is a principal's name (issue #11): an empty one, or anything else, is no answer.
      () => '' as never,
      () => 1 as never,
    ]) {
      const server = later(await serveNode(node, { port: 0, authenticate: auth, authenticateTimeoutMs: 50 }));
      statuses.push(await upgradeStatus(server.url));
    }
    const server = later(await serveNode(node, { port: 0, authenticate, path: '/node' }));
    statuses.push(await upgradeStatus(server.url.replace('/node', '/other'), TOKEN));
    statuses.push(await plainStatus(server.url));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 404, 426]);
  });

  it('refuses connections past maxConnections with 503', async () => {
    const { node } = await registeredNode();
    later(node);
    const server = later(await serveNode(node, { port: 0, authenticate, maxConnections: 1 }));
    const first = later(new RemoteRuntimeClient(server.url, { token: TOKEN }));
    await first.describe();
    expect(await upgradeStatus(server.url, TOKEN)).toBe(503);
    expect(server.connections).toBe(1);
  });

  it('validates its options before listening', async () => {
    const { node } = await registeredNode();
    later(node);
    await expect(serveNode(node, { port: 0 } as never)).rejects.toThrow(/authenticate/);
    await expect(serveNode(node, { port: -1, authenticate })).rejects.toThrow(/port/);
    expect(() => sharedTokenAuthenticator('')).toThrow(/token/);
    expect(() => new RemoteRuntimeClient('ws://127.0.0.1:1/', { streamWindow: 0 })).toThrow(/streamWindow/);
    // A typo names the key and the nearest known one.
    expect(() => new RemoteRuntimeClient('ws://127.0.0.1:1/', { tokn: TOKEN } as never)).toThrow(
      /tokn.*did you mean `token`/,
    );
    await expect(serveNode(node, { authenticate, prot: 1 } as never)).rejects.toThrow(/did you mean `port`/);
  });
});

describe('the server closing mid-stream', () => {
  it('rejects pending calls with a typed error, ends streams, cancels on the server, and the client survives', async () => {
    const { node } = await registeredNode();
    later(node);
    const server = await serveNode(node, { port: 0, authenticate });
    const client = later(new RemoteRuntimeClient(server.url, { token: TOKEN }));
    const verdict = await client.stream(
      governedRequest({ payload: { events: [{ type: 'fake.chunk', payload: 1, repeat: 3 }], hang: true } }),
    );
    if (!verdict.ok) throw new Error('refused');
    const pending = client.execute(governedRequest({ payload: { hang: true } }));
    await waitFor(() => node.stats().in_flight === 2);
    const seen: ExecutionEvent[] = [];
    let thrown: unknown;
    try {
      for await (const event of verdict.events) {
        seen.push(event);
        if (event.event_type === 'fake.chunk' && seen.length === 2) void server.close();
      }
    } catch (error) {
      thrown = error;
    }
    expect(isExecutionError(thrown) && thrown.code).toBe('REMOTE_DISCONNECT');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const result = await verdict.events.result;
    expect(result).toMatchObject({
      status: 'failed',
      error: {
        failure_class: 'remote_disconnect',
        code: 'REMOTE_DISCONNECT',
        details: { outcome_unknown: true },
      },
    });
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isExecutionError(error) && [error.code, error.failureClass]).toEqual([
      'REMOTE_DISCONNECT',
      'remote_disconnect',
    ]);
    // The connection has ended: new calls reject SESSION_ENDED with the reason; close() resolves.
    await expect(client.describe()).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'REMOTE_DISCONNECT' },
    });
    await client.close();
    // The server cancelled both executions its departed client had started.
    await waitFor(() => node.stats().in_flight === 0);
  });
});

describe('resources', () => {
  it('leaves no sockets or listeners behind once everything is closed', async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    await waitFor(() => {
      const now = handles();
      return now.sockets <= baseline.sockets && now.servers <= baseline.servers;
    });
    expect(handles()).toEqual(baseline);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The HTTP status a WebSocket upgrade gets (101 when accepted). */
function upgradeStatus(url: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** The status of a plain HTTP GET (no upgrade). */
function plainStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url.replace('ws:', 'http:'), (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}
