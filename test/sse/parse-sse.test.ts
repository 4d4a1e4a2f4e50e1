import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { parseSse } from '../../src/sse/index.js';
import type { SseMessage } from '../../src/sse/parse-sse.js';
import { MIXED_EXPECTED, MIXED_IDS, MIXED_STREAM, withLineEnding } from '../fixtures/sse/streams.js';

const encoder = new TextEncoder();
// Structure for the fuzzer to splice between random bytes, so whole events do occur.
const DATA_LINE = encoder.encode(`data: ${'y'.repeat(70)}\n`);
const BLANK = encoder.encode('\n');
const WHOLE_EVENT = encoder.encode(`data: ${'z'.repeat(70)}\n\n`);

function run(chunks: ReadonlyArray<Uint8Array | string>, maxEventBytes?: number) {
  const events: SseMessage[] = [];
  const ids: string[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const ignored: string[] = [];
  const parser = parseSse({
    onEvent: (m) => events.push(m),
    onId: (id) => ids.push(id),
    onRetry: (ms) => retries.push(ms),
    onComment: (text) => comments.push(text),
    onIgnored: (line) => ignored.push(line.type),
    maxEventBytes,
  });
  for (const chunk of chunks) parser.feed(chunk);
  return { events, ids, retries, comments, ignored, parser };
}

describe('parseSse', () => {
  for (const [name, ending] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`parses ${name} line endings split at every byte offset, with and without a BOM`, () => {
      for (const bom of ['', '\uFEFF']) {
        const bytes = encoder.encode(bom + withLineEnding(MIXED_STREAM, ending));
        for (let cut = 0; cut <= bytes.length; cut++) {
          const result = run([bytes.subarray(0, cut), bytes.subarray(cut)]);
          expect(result.events).toEqual(MIXED_EXPECTED);
          expect(result.ids).toEqual(MIXED_IDS);
        }
      }
    });
  }

  it('keeps multi-byte characters intact when every byte arrives alone', () => {
    const bytes = encoder.encode('data: 🚀日本語é\n\n');
    const { events } = run(Array.from(bytes, (b) => new Uint8Array([b])));
    expect(events).toEqual([{ id: undefined, event: undefined, data: '🚀日本語é' }]);
  });

  it('reports retry changes, comments and skipped lines through their callbacks', () => {
    const { retries, comments, ignored } = run([encoder.encode(MIXED_STREAM)]);
    expect(retries).toEqual([2500]);
    expect(comments).toEqual(['a comment, ignored']);
    expect(ignored).toEqual(['unknown-field', 'invalid-retry']);
  });

  it('strips a BOM split across chunks, only at the start', () => {
    const bom = encoder.encode('\uFEFF');
    const { events } = run([
      bom.subarray(0, 1),
      bom.subarray(1),
      encoder.encode('data: a\n\n\uFEFFdata: b\n\n'),
    ]);
    expect(events.map((e) => e.data)).toEqual(['a']);
  });

  it('turns invalid UTF-8 into U+FFFD instead of throwing (the reference raised)', () => {
    const { events } = run([new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0xfe, 0x0a, 0x0a])]);
    expect(events).toEqual([{ id: undefined, event: undefined, data: '\uFFFD\uFFFD' }]);
  });

  it('fails an oversized event with a typed error until reset', () => {
    const after: SseMessage[] = [];
    const parser = parseSse({ onEvent: (m) => after.push(m), maxEventBytes: 16 });
    parser.feed('data: 0123456789\n');
    const overflow = (() => {
      try {
        parser.feed('data: 0123456789\n');
      } catch (error) {
        return error;
      }
    })();
    expect(isExecutionError(overflow) && overflow.code).toBe('LIMIT_EXCEEDED');
    expect(isExecutionError(overflow) && overflow.details).toEqual({
      limit: 'maxEventBytes',
      limit_value: 16,
    });
    expect(() => parser.feed('data: x\n\n')).toThrow(/maxEventBytes/);
    parser.reset();
    parser.feed('data: ok\n\n');
    expect(after).toEqual([{ id: undefined, event: undefined, data: 'ok' }]);
  });

  it('fails an oversized event that arrives whole in one chunk', () => {
    const events: SseMessage[] = [];
    const parser = parseSse({ onEvent: (m) => events.push(m), maxEventBytes: 8 });
    expect(() => parser.feed('data: ok\n\ndata: 0123456789\n\ndata: late\n\n')).toThrow(
      /maxEventBytes \(8\)/,
    );
    expect(events.map((e) => e.data)).toEqual(['ok']);
  });

  it('reset drops a partial event, as after a dropped connection', () => {
    const { parser, events } = run(['id: 7\ndata: half']);
    parser.reset();
    parser.feed('data: whole\n\n');
    expect(events).toEqual([{ id: undefined, event: undefined, data: 'whole' }]);
  });

  it('fuzz: random bytes in random chunks only ever throw the typed limit error and stay bounded', () => {
    const limit = 64;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 96 }), fc.constantFrom(DATA_LINE, BLANK, WHOLE_EVENT)), {
          maxLength: 24,
        }),
        fc.boolean(),
        (chunks, asText) => {
          const events: SseMessage[] = [];
          const parser = parseSse({
            onEvent: (m) => events.push(m),
            onComment: () => {},
            maxEventBytes: limit,
          });
          let fed = 0;
          for (const chunk of chunks) {
            fed += chunk.length;
            try {
              parser.feed(asText ? new TextDecoder().decode(chunk) : chunk);
            } catch (error) {
              expect(isExecutionError(error) && error.code).toBe('LIMIT_EXCEEDED');
              parser.reset();
            }
          }
          for (const event of events) expect(event.data.length).toBeLessThanOrEqual(limit);
          expect(events.length).toBeLessThanOrEqual(fed);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('fuzz: any split of a valid stream dispatches the same events', () => {
    const bytes = encoder.encode(withLineEnding(MIXED_STREAM, '\r\n'));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const offsets = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = offsets.slice(1).map((end, i) => bytes.subarray(offsets[i], end));
          expect(run(chunks).events).toEqual(MIXED_EXPECTED);
        },
      ),
      { numRuns: 500 },
    );
  });
});
