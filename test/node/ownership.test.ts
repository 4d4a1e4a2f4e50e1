/**
 * Issue #11, defect 7: executions not owned. Refs are unguessable, and over a real node server
 * (127.0.0.1, port 0) a client reaches only the executions its principal started: another
 * principal's ref is answered exactly like a ref that never existed; an operator (named in
 * `operators`) reaches all. The server's JSON-RPC side is the test's mini peer (the jsonrpc lane
 * cannot load in this tree); the clients are raw WebSockets speaking the documented protocol.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AdmissionRequestInput } from '../../src/core/contracts/boundary/boundary-interfaces.js';
import { startNodeServer } from '../../src/node/serve-node.js';
import { openMiniRpc } from '../fixtures/node/mini-rpc.js';
import { governedRequest, registeredNode } from './fakes.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
});

// A lane execution that runs until cancelled (30 s).
const longRequest = (): AdmissionRequestInput =>
  governedRequest({ payload: { events: [{ type: 'process.output', payload: 'x', delayMs: 30_000 }] } });

/** What the node's methods answer, as far as these tests read it. */
interface Answer {
  readonly ok: boolean;
  readonly execution_ref?: string;
  readonly cancelled?: boolean;
  readonly rejection?: { readonly reason: string; readonly details: unknown };
}

/** A raw JSON-RPC client on a WebSocket: `call` answers results, `notes` collects notifications. */
async function rawClient(url: string, principal: string) {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${principal}` } });
  closers.push(async () => ws.close());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (value: unknown) => void>();
  const notes: Array<{ method: string; params: { execution_ref?: string } }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? message.error);
    else notes.push(message);
  });
  let id = 0;
  return {
    notes,
    call(method: string, params?: unknown): Promise<Answer> {
      const callId = ++id;
      return new Promise((resolve) => {
        waiting.set(callId, resolve as (value: unknown) => void);
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: callId, method, params }));
      });
    },
    notify(method: string, params: unknown) {
      ws.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
    },
  };
}

async function server(options: { operators?: string[]; target?: boolean } = {}) {
  const { node } = await registeredNode();
  closers.push(() => node.close());
  // The bearer value names the principal; `anonymous` is accepted as a connection of its own.
  const served = await startNodeServer(
    node,
    {
      authenticate: ({ headers }) => {
        const who = headers.authorization?.slice('Bearer '.length) ?? '';
        return who === 'anonymous' ? true : ['alice', 'bob', 'ops'].includes(who) ? who : false;
      },
      ...options,
    },
    async () => openMiniRpc,
  );
  closers.push(() => served.close());
  return { node, url: served.url };
}

describe('execution refs', () => {
  it('are unguessable: exec-<ms>-<128 random bits>, no two alike', async () => {
    const { node } = await registeredNode();
    closers.push(() => node.close());
    const refs = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const admitted = await node.admit(governedRequest());
      if (!admitted.ok) throw new Error(admitted.rejection.message ?? 'refused');
      expect(admitted.decision.execution_ref).toMatch(/^exec-\d{13}-[0-9a-f]{32}$/);
      refs.add(admitted.decision.execution_ref as string);
    }
    expect(refs.size).toBe(500);
  });
});

describe('executions are owned by the principal that started them (issue #11 defect 7)', () => {
  it("B cannot cancel, stream or confirm A's execution, even knowing its ref; A and an operator can", async () => {
    const { node, url } = await server({ operators: ['ops'] });
    const alice = await rawClient(url, 'alice');
    const bob = await rawClient(url, 'bob');
    const anonymous = await rawClient(url, 'anonymous');
    const ops = await rawClient(url, 'ops');

    const started = await alice.call('node.stream', { request: longRequest() });
    expect(started).toMatchObject({ ok: true });
    const ref = started.execution_ref ?? '';

    const never = await bob.call('node.cancel', { execution_ref: 'exec-0-00000000000000000000000000000000' });
    for (const intruder of [bob, anonymous]) {
      const answer = await intruder.call('node.cancel', { execution_ref: ref });
      expect(answer).toMatchObject({ ok: false, rejection: { reason: 'unknown_execution_ref' } });
      // Indistinguishable from a ref that never existed, apart from the ref it echoes.
      expect({ ...answer.rejection, details: {} }).toEqual({ ...never.rejection, details: {} });
      // Credit for A's stream from another connection moves nothing.
      intruder.notify('stream.pull', { execution_ref: ref, credit: 100 });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...bob.notes, ...anonymous.notes].filter((n) => n.params.execution_ref === ref)).toEqual([]);
    expect(node.stats().in_flight).toBe(1);

    // The operator may: the execution ends cancelled.
    await expect(ops.call('node.cancel', { execution_ref: ref })).resolves.toEqual({
      ok: true,
      cancelled: true,
    });
    expect(node.stats().in_flight).toBe(0);

    // A cancels its own.
    const second = await alice.call('node.stream', { request: longRequest() });
    await expect(alice.call('node.cancel', { execution_ref: second.execution_ref })).resolves.toEqual({
      ok: true,
      cancelled: true,
    });
  });

  it('1 700 guesses around a known ref reach nothing (the original attack needed 1 618)', async () => {
    const { node, url } = await server();
    const alice = await rawClient(url, 'alice');
    const bob = await rawClient(url, 'bob');
    const started = await alice.call('node.stream', { request: longRequest() });
    // B knows one of its own refs, and the time; the rest of a ref is 128 random bits.
    const own = await bob.call('node.stream', { request: longRequest() });
    const [, ms] = (own.execution_ref ?? '').split('-');
    const answers = await Promise.all(
      Array.from({ length: 1_700 }, (_, i) =>
        bob.call('node.cancel', { execution_ref: i === 0 ? started.execution_ref : `exec-${ms}-${i}` }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toEqual([]);
    expect(node.stats().in_flight).toBe(2);
  });

  it('an anonymous connection (authenticate returned true) is a principal of its own', async () => {
    const { url } = await server();
    const first = await rawClient(url, 'anonymous');
    const second = await rawClient(url, 'anonymous');
    const started = await first.call('node.stream', { request: longRequest() });
    await expect(second.call('node.cancel', { execution_ref: started.execution_ref })).resolves.toMatchObject(
      {
        ok: false,
        rejection: { reason: 'unknown_execution_ref' },
      },
    );
    await expect(first.call('node.cancel', { execution_ref: started.execution_ref })).resolves.toEqual({
      ok: true,
      cancelled: true,
    });
  });

  it('a named principal reaches its executions from another connection', async () => {
    const { url } = await server();
    const first = await rawClient(url, 'alice');
    const second = await rawClient(url, 'alice');
    const started = await first.call('node.stream', { request: longRequest() });
    await expect(second.call('node.cancel', { execution_ref: started.execution_ref })).resolves.toEqual({
      ok: true,
      cancelled: true,
    });
  });

  it('the in-process caller owns the node and reaches every execution', async () => {
    const { node, url } = await server();
    const alice = await rawClient(url, 'alice');
    const started = await alice.call('node.stream', { request: longRequest() });
    await expect(node.cancel(started.execution_ref ?? '')).resolves.toEqual({ ok: true, cancelled: true });
  });

  it('serveNode validates operators', async () => {
    const { node } = await registeredNode();
    closers.push(() => node.close());
    await expect(
      startNodeServer(node, { authenticate: () => true, operators: [''] }, async () => openMiniRpc),
    ).rejects.toThrow(/operators/);
  });

  it('the target role is scoped too: execution.cancel reaches only the caller’s own executions', async () => {
    const { node, url } = await server({ target: true });
    const alice = await rawClient(url, 'alice');
    const bob = await rawClient(url, 'bob');
    const ref = `exec-${Date.now()}-${'ab'.repeat(16)}`;
    const request = {
      contract_version: 1,
      execution_ref: ref,
      lane_id: 'process',
      payload: { events: [{ type: 'process.output', payload: 'x', delayMs: 30_000 }] },
    };
    await expect(alice.call('execution.stream', request)).resolves.toMatchObject({
      ok: true,
      execution_ref: ref,
    });
    await expect(bob.call('execution.cancel', { execution_ref: ref })).resolves.toMatchObject({
      ok: false,
      rejection: { reason: 'unknown_execution_ref' },
    });
    expect(node.stats().in_flight).toBe(1);
    await expect(alice.call('execution.cancel', { execution_ref: ref })).resolves.toEqual({
      ok: true,
      cancelled: true,
    });
  });
});
