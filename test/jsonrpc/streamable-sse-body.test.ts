import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSseBody, type SseCursor } from '../../src/jsonrpc/sse-body.js';

function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    if (p > at) parts.push(bytes.subarray(at, p));
    at = Math.max(at, p);
  }
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function read(bytes: Uint8Array, cuts: number[], max = 1024 * 1024) {
  const cursor: SseCursor = { lastEventId: undefined, retryMs: undefined };
  const data: string[] = [];
  await readSseBody(streamOf(bytes, cuts), cursor, max, (d) => {
    data.push(d);
    return undefined;
  });
  return { data, cursor };
}

const MESSAGES = ['{"jsonrpc":"2.0","id":1,"result":"é✓𝄞"}', '{"jsonrpc":"2.0","method":"x"}'];
const BODY = new TextEncoder().encode(
  `retry: 40\nid: p0\ndata: \n\n: keep-alive\n\nevent: message\nid: e1\ndata: ${MESSAGES[0]}\n\nevent: other\ndata: skipped\n\r\nid: e2\ndata: ${MESSAGES[1]}\r\n\r\n`,
);

describe('readSseBody (the Streamable HTTP channel SSE reader)', () => {
  it('delivers the same messages and cursor for every split of the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(BODY.length), { maxLength: 12 }), async (cuts) => {
        const { data, cursor } = await read(BODY, cuts);
        expect(data).toEqual(MESSAGES);
        expect(cursor).toEqual({ lastEventId: 'e2', retryMs: 40 });
      }),
      { numRuns: 300 },
    );
  });

  it('fails MESSAGE_TOO_LARGE on an event that grows past the limit without ending', async () => {
    const huge = new TextEncoder().encode(`data: ${'x'.repeat(5_000)}`);
    await expect(read(huge, [1_000, 2_000, 3_000, 4_000], 2_048)).rejects.toMatchObject({
      code: 'MESSAGE_TOO_LARGE',
    });
  });
});
