import { describe, expect, it } from 'vitest';
import type { JsonRpcChannel } from '../../src/jsonrpc/index.js';
import { createJsonRpcConnection, createMemoryChannelPair } from '../../src/jsonrpc/index.js';

type BatchHabit = 'ignore' | 'single-error' | 'supported';

/** A peer that answers single requests (`echo` returns its params) and treats batches its way. */
function peer(habit: BatchHabit): { channel: JsonRpcChannel; seen: string[] } {
  const [ours, theirs] = createMemoryChannelPair();
  const seen: string[] = [];
  const answer = (m: { id?: number; method: string; params?: unknown }) =>
    m.id === undefined ? undefined : { jsonrpc: '2.0', id: m.id, result: m.params ?? null };
  theirs.start({
    message(text) {
      seen.push(text);
      const parsed = JSON.parse(text);
      if (!Array.isArray(parsed)) {
        const reply = answer(parsed);
        if (reply) void theirs.send(JSON.stringify(reply));
      } else if (habit === 'single-error') {
        void theirs.send('{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request"}}');
      } else if (habit === 'supported') {
        void theirs.send(JSON.stringify(parsed.map(answer).filter(Boolean)));
      }
      return undefined;
    },
    diagnostic: () => undefined,
    closed: () => {},
  });
  return { channel: ours, seen };
}

const calls = [
  { method: 'echo', params: [1] },
  { method: 'note', params: {}, notification: true },
  { method: 'echo', params: [2] },
];

describe('batch() to peers that do not take batches', () => {
  it('fails fast with BATCH_UNSUPPORTED when the peer answers a batch with one error, then at once', async () => {
    const { channel, seen } = peer('single-error');
    await using rpc = createJsonRpcConnection(channel, { requestTimeoutMs: 30_000 });
    const started = Date.now();
    await expect(rpc.batch(calls)).rejects.toMatchObject({ code: 'BATCH_UNSUPPORTED' });
    expect(Date.now() - started).toBeLessThan(1_000);
    const sent = seen.length;
    await expect(rpc.batch(calls)).rejects.toMatchObject({ code: 'BATCH_UNSUPPORTED' });
    expect(seen.length).toBe(sent); // known now: nothing is sent
    expect(rpc.pendingRequests).toBe(0);
  });

  it('fails after the probe time when the peer ignores the batch (not after the request timeout)', async () => {
    const { channel } = peer('ignore');
    await using rpc = createJsonRpcConnection(channel, { requestTimeoutMs: 30_000, batchProbeMs: 200 });
    const started = Date.now();
    await expect(rpc.batch(calls)).rejects.toMatchObject({ code: 'BATCH_UNSUPPORTED' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each(['ignore', 'single-error'] as const)(
    "falls back to single calls with batchUnsupported: 'split' (peer that answers with %s)",
    async (habit) => {
      const { channel, seen } = peer(habit);
      await using rpc = createJsonRpcConnection(channel, { batchUnsupported: 'split', batchProbeMs: 200 });
      const expected = [
        { ok: true, result: [1] },
        { ok: true, result: undefined },
        { ok: true, result: [2] },
      ];
      expect(await rpc.batch(calls)).toEqual(expected);
      expect(seen.filter((t) => t.includes('"note"'))).toHaveLength(2); // in the batch, then alone
      const before = seen.length;
      expect(await rpc.batch(calls)).toEqual(expected);
      expect(seen.slice(before).every((t) => !t.startsWith('['))).toBe(true);
    },
  );

  it('keeps sending batches to a peer that answers them, without waiting for the probe', async () => {
    const { channel, seen } = peer('supported');
    await using rpc = createJsonRpcConnection(channel, { batchProbeMs: 50 });
    expect(await rpc.batch(calls)).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rpc.batch(calls)).toHaveLength(3);
    expect(seen.every((t) => t.startsWith('['))).toBe(true);
  });

  it('validates the options before any I/O', () => {
    const [a] = createMemoryChannelPair();
    // @ts-expect-error not a mode
    expect(() => createJsonRpcConnection(a, { batchUnsupported: 'retry' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});
