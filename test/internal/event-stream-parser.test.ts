import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { EventStreamParser, type EventStreamSink } from '../../src/internal/event-stream-parser.js';

interface Seen {
  events: Array<{ data: string; event: string | undefined; id: string | undefined }>;
  ids: string[];
  retries: number[];
  comments: string[];
}

function sink(seen: Seen, ignored: string[] = []): EventStreamSink {
  return {
    event: (data, event, id) => seen.events.push({ data, event, id }),
    id: (id) => seen.ids.push(id),
    retry: (ms) => seen.retries.push(ms),
    comment: (text) => seen.comments.push(text),
    ignored: (type, line) => ignored.push(`${type}:${line}`),
  };
}

const empty = (): Seen => ({ events: [], ids: [], retries: [], comments: [] });

function ours(chunks: ReadonlyArray<Uint8Array | string>): Seen {
  const seen = empty();
  const parser = new EventStreamParser(sink(seen), 1 << 20);
  for (const chunk of chunks) parser.feed(chunk);
  return seen;
}

// eventsource-parser, the parser the lane used before, as the reference for the same text.
function reference(chunks: readonly string[]): Seen {
  const seen = empty();
  const parser = createParser({
    onEvent: (m) => seen.events.push({ data: m.data, event: m.event, id: m.id }),
    onId: (id) => seen.ids.push(id),
    onRetry: (ms) => seen.retries.push(ms),
    onComment: (text) => seen.comments.push(text),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return seen;
}

const value = fc.stringMatching(/^[a-z :\0é🚀]{0,8}$/u);
const line = fc.oneof(
  value.map((v) => `data:${v}`),
  value.map((v) => `data: ${v}`),
  fc.constant('data'),
  value.map((v) => `event: ${v}`),
  value.map((v) => `id: ${v}`),
  fc.constant('id'),
  fc.stringMatching(/^[0-9x]{0,4}$/).map((v) => `retry: ${v}`),
  value.map((v) => `:${v}`),
  value.map((v) => `unknown:${v}`),
  fc.constant(''),
  fc.constant(''),
);
const ending = fc.constantFrom('\n', '\r\n', '\r');
const stream = fc
  .array(fc.tuple(line, ending), { maxLength: 30 })
  .map((lines) => lines.map(([l, e]) => l + e).join(''));

function split(text: string, cuts: number[]): string[] {
  const at = [0, ...cuts.filter((c) => c < text.length).sort((a, b) => a - b), text.length];
  return at.slice(1).map((end, i) => text.slice(at[i], end));
}

describe('EventStreamParser', () => {
  it('fuzz: dispatches what eventsource-parser dispatches, for any lines, endings and splits', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat({ max: 400 }), { maxLength: 10 }), (text, cuts) => {
        const chunks = split(text, cuts);
        expect(ours(chunks)).toEqual(reference(chunks));
      }),
      { numRuns: 3_000 },
    );
  });

  it('fuzz: the same events from bytes split anywhere, multi-byte characters included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(stream, fc.array(fc.nat({ max: 600 }), { maxLength: 10 }), (text, cuts) => {
        const bytes = encoder.encode(text);
        const at = [0, ...cuts.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length];
        const chunks = at.slice(1).map((end, i) => bytes.subarray(at[i], end));
        expect(ours(chunks)).toEqual(ours([text]));
      }),
      { numRuns: 1_000 },
    );
  });

  it('dispatches the one-line block from the chunk and a block split after its data line', () => {
    const seen = ours(['data: a\n\ndata: b\n', '\nid: 7\ndata: c\n\n']);
    expect(seen.events).toEqual([
      { data: 'a', event: undefined, id: undefined },
      { data: 'b', event: undefined, id: undefined },
      { data: 'c', event: undefined, id: '7' },
    ]);
    expect(seen.ids).toEqual(['7']);
  });

  it('gives a one-line block the event and id set before it, and clears them for the next block', () => {
    const seen = ours(['event: delta\nid: 1\ndata: a\n\ndata: b\n\nid: 2\n\nevent: x\n\ndata: c\n\n']);
    expect(seen.events).toEqual([
      { data: 'a', event: 'delta', id: '1' },
      { data: 'b', event: undefined, id: undefined },
      { data: 'c', event: undefined, id: undefined },
    ]);
    expect(seen.ids).toEqual(['1', '2']);
  });

  it('bounds the one-line block too: its data over maxEventBytes throws LIMIT_EXCEEDED', () => {
    const seen = empty();
    const parser = new EventStreamParser(sink(seen), 8);
    parser.feed('data: 12345678\n\n');
    expect(() => parser.feed('data: 123456789\n\n')).toThrow(/maxEventBytes \(8\)/);
    expect(seen.events.map((e) => e.data)).toEqual(['12345678']);
  });

  it('reports skipped lines with their text', () => {
    const ignored: string[] = [];
    const parser = new EventStreamParser(sink(empty(), ignored), 1024);
    parser.feed('retry: soon\nfoo: bar\nfoo\n\n');
    expect(ignored).toEqual(['invalid-retry:retry: soon', 'unknown-field:foo: bar', 'unknown-field:foo']);
  });

  it('bounds a line that never ends, across chunks', () => {
    const parser = new EventStreamParser(sink(empty()), 32);
    parser.feed('data: ');
    for (let i = 0; i < 2; i++) parser.feed('x'.repeat(12));
    expect(() => parser.feed('x'.repeat(12))).toThrow(/maxEventBytes \(32\)/);
    let error: unknown;
    try {
      parser.feed('\n\n');
    } catch (caught) {
      error = caught;
    }
    expect(isExecutionError(error) && error.code).toBe('LIMIT_EXCEEDED');
  });
});
