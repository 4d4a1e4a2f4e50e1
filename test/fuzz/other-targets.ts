import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { encodeFrame, FrameDecoder } from '../../src/process/guest-codec.js';
import { LineFramer } from '../../src/process/line-framer.js';
import { parseSse, type SseMessage } from '../../src/sse/parse-sse.js';
import {
  cutsArb,
  type FuzzTarget,
  rawBytes,
  STRICT,
  splitBytes,
  splitText,
  type TypedErrors,
  wireText,
} from './harness.js';

const encoder = new TextEncoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length))));
}

function assertSame(what: string, a: unknown, b: unknown): void {
  if (!isDeepStrictEqual(a, b)) {
    throw new Error(
      `${what} differ:\n${JSON.stringify(a).slice(0, 400)}\n${JSON.stringify(b).slice(0, 400)}`,
    );
  }
}

interface SseRun {
  events: SseMessage[];
  ids: string[];
  retries: number[];
  error: string | undefined;
}

/** The SSE parser (read-only here): typed errors only (`LIMIT_EXCEEDED`), never a hang. */
export function sseTarget(
  errors: TypedErrors,
): FuzzTarget<{ wire: Uint8Array; cuts: number[]; max: number | undefined }> {
  const line = fc.constantFrom(
    'data: x',
    'data:',
    'data',
    'event: e',
    'id: 1',
    'id: café-😀',
    'id: a\u0000b',
    'retry: 10',
    'retry: x',
    ': keep-alive',
    '',
    'data: {"a":1}',
    '\ufeffdata: bom',
    'unknown: field',
  );
  const terminated = fc
    .tuple(line, fc.constantFrom('\n', '\r\n', '\r'))
    .map(([l, t]) => encoder.encode(l + t));
  const part = fc.oneof(
    { weight: 4, arbitrary: terminated },
    { weight: 2, arbitrary: wireText.map((t) => encoder.encode(t)) },
    { weight: 1, arbitrary: rawBytes },
  );
  const run = (chunks: readonly Uint8Array[], max: number | undefined): SseRun => {
    const out: SseRun = { events: [], ids: [], retries: [], error: undefined };
    const parser = parseSse({
      onEvent: (m) => out.events.push({ ...m }),
      onId: (id) => out.ids.push(id),
      onRetry: (ms) => out.retries.push(ms),
      maxEventBytes: max,
    });
    for (const chunk of chunks) {
      const result = errors.capture(() => parser.feed(chunk));
      if ('error' in result) {
        out.error = result.error;
        // It must keep refusing, typed, until reset.
        errors.capture(() => parser.feed(chunk));
        break;
      }
    }
    return out;
  };
  return {
    name: 'sse parser',
    arbitrary: fc.record({
      wire: fc.array(part, { maxLength: 10 }).map(concat),
      cuts: cutsArb,
      max: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
    }),
    check: ({ wire, cuts, max }) => {
      const whole = run([wire], max);
      const split = run(splitBytes(wire, cuts), max);
      if (STRICT && whole.error === undefined && split.error === undefined)
        assertSame('sse split', whole, split);
    },
  };
}

/** The process line framer (read-only here): never throws, never hangs, lines within the limit. */
export function lineFramerTarget(
  _errors: TypedErrors,
): FuzzTarget<{ text: string[]; cuts: number[]; max: number; mode: 'fail' | 'chunk' }> {
  const run = (chunks: readonly string[], max: number, mode: 'fail' | 'chunk') => {
    const framer = new LineFramer({ maxLineBytes: max, longLines: mode });
    const lines: string[] = [];
    let open = '';
    const take = (batches: ReturnType<LineFramer['push']>) => {
      for (const batch of batches) {
        batch.lines.forEach((line, i) => {
          // A piece cannot be smaller than one character (4 bytes at most).
          if (STRICT && Buffer.byteLength(line) > Math.max(max, 4)) {
            throw new Error(`line of ${Buffer.byteLength(line)} bytes over ${max}`);
          }
          const whole = open + line;
          open = '';
          if (batch.partial && i === batch.lines.length - 1) open = whole;
          else lines.push(whole);
        });
      }
    };
    for (const chunk of chunks) take(framer.push(chunk));
    take(framer.flush());
    return { lines, open, overflow: framer.overflowBytes !== undefined };
  };
  return {
    name: 'process line framer',
    arbitrary: fc.record({
      text: fc.array(wireText, { maxLength: 6 }),
      cuts: cutsArb,
      max: fc.integer({ min: 1, max: 48 }),
      mode: fc.constantFrom('fail' as const, 'chunk' as const),
    }),
    check: ({ text, cuts, max, mode }) => {
      const all = text.join('');
      const whole = run([all], max, mode);
      const split = run(splitText(all, cuts), max, mode);
      if (STRICT && mode === 'chunk') assertSame('line framer (chunk) split', whole, split);
    },
  };
}

/** The guest bridge codec (read-only here): typed `BRIDGE_PROTOCOL_ERROR` only, same messages for any split. */
export function guestCodecTarget(
  errors: TypedErrors,
): FuzzTarget<{ wire: Uint8Array; cuts: number[]; max: number }> {
  const prefixed = (body: Uint8Array) => {
    const out = Buffer.alloc(4 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.set(body, 4);
    return new Uint8Array(out);
  };
  const part = fc.oneof(
    { weight: 3, arbitrary: fc.object({ maxDepth: 2 }).map((o) => new Uint8Array(encodeFrame(o))) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom('[1]', '1', 'null', '"s"', '{', '{"a":'), wireText)
        .map((t) => prefixed(encoder.encode(t))),
    },
    { weight: 1, arbitrary: fc.constant(new Uint8Array([0xff, 0xff, 0xff, 0xff])) },
    { weight: 1, arbitrary: rawBytes },
  );
  const run = (chunks: readonly Uint8Array[], max: number) => {
    const decoder = new FrameDecoder(max);
    const messages: unknown[] = [];
    let error: string | undefined;
    for (const chunk of chunks) {
      const result = errors.capture(() => decoder.push(Buffer.from(chunk)));
      if ('error' in result) {
        error = result.error;
        break;
      }
      messages.push(...result.value);
    }
    return { messages, error };
  };
  return {
    name: 'process guest bridge codec',
    arbitrary: fc.record({
      wire: fc.array(part, { maxLength: 6 }).map(concat),
      cuts: cutsArb,
      max: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constant(1 << 20)),
    }),
    check: ({ wire, cuts, max }) => {
      const whole = run([wire], max);
      const split = run(splitBytes(wire, cuts), max);
      if (STRICT) assertSame('guest codec split', whole, split);
      else if (whole.error !== split.error) throw new Error('one split failed, the other did not');
    },
  };
}
