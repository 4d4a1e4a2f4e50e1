import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { ExecutionError } from '../../src/core/index.js';
import { createContentLengthDecoder, encodeContentLength } from '../../src/jsonrpc/content-length-framer.js';
import type { FrameDecoder, FrameSink } from '../../src/jsonrpc/frame-sink.js';
import { createNdjsonDecoder } from '../../src/jsonrpc/ndjson-framer.js';
import {
  cutsArb,
  type FuzzTarget,
  rawBytes,
  splitBytes,
  splitText,
  type TypedErrors,
  wireText,
} from './harness.js';

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface Decoded {
  frames: string[];
  noise: string[];
  errors: string[];
}

function decodeWith(
  make: (sink: FrameSink) => FrameDecoder,
  chunks: ReadonlyArray<Uint8Array | string>,
  errors: TypedErrors,
): Decoded {
  const out: Decoded = { frames: [], noise: [], errors: [] };
  const decoder = make({
    frame: (text) => out.frames.push(text),
    noise: (text) => out.noise.push(text),
    error: (error: ExecutionError) => out.errors.push(errors.accept(error)),
  });
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return out;
}

function assertSame(what: string, a: unknown, b: unknown): void {
  if (!isDeepStrictEqual(a, b)) {
    throw new Error(
      `${what} differ:\n${JSON.stringify(a).slice(0, 400)}\n${JSON.stringify(b).slice(0, 400)}`,
    );
  }
}

const jsonish = fc.oneof(
  fc.json({ maxDepth: 2 }),
  fc.constantFrom('{"jsonrpc":"2.0","id":1,"result":"é😀"}', '{}', '[]', '"\\n"'),
);

interface WireInput {
  readonly wire: Uint8Array;
  readonly cuts: number[];
  readonly max: number;
}

/** The NDJSON framer: typed errors only, same frames, noise and errors for any chunk split (bytes or text). */
export function ndjsonTarget(errors: TypedErrors): FuzzTarget<WireInput> {
  const part = fc.oneof(
    { weight: 3, arbitrary: jsonish.map((j) => utf8(`${j}\n`)) },
    { weight: 3, arbitrary: wireText.map(utf8) },
    { weight: 1, arbitrary: rawBytes },
  );
  return {
    name: 'jsonrpc ndjson framer',
    arbitrary: fc.record({
      wire: fc.array(part, { maxLength: 8 }).map(concat),
      cuts: cutsArb,
      max: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(1 << 20)),
    }),
    check: ({ wire, cuts, max }) => {
      const make = (sink: FrameSink) => createNdjsonDecoder(sink, max);
      const whole = decodeWith(make, [wire], errors);
      assertSame('split bytes', whole, decodeWith(make, splitBytes(wire, cuts), errors));
      // Invalid bytes decode to U+FFFD (3 bytes each), so the text may re-encode to 3x the wire bytes.
      for (const frame of whole.frames) if (utf8(frame).length > 3 * max) throw new Error('frame over max');
      // Text chunks (surrogate pairs may be cut) frame the same as the text's UTF-8 bytes.
      const text = new TextDecoder().decode(wire);
      assertSame(
        'split text',
        decodeWith(make, [utf8(text)], errors),
        decodeWith(make, splitText(text, cuts), errors),
      );
    },
  };
}

/** The Content-Length framer: typed errors only, same frames, noise and errors for any split. */
export function contentLengthTarget(errors: TypedErrors): FuzzTarget<WireInput> {
  const headerish = fc.constantFrom(
    'Content-Length: 2\r\n\r\n{}',
    'Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}',
    'Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x',
    'content-length:  7 \r\nX-Other: 1\r\n\r\n',
    'Content-Length: abc\r\n\r\n',
    'Content-Length: 99999999999999\r\n\r\n',
    'Content-Length: 1\r\nContent-Type: application/json; charset=latin1\r\n\r\nx',
    'Debugger attached.\r\n',
    '\r\n\r\n',
    'Content-Length: 0\r\n\r\n',
  );
  const part = fc.oneof(
    { weight: 3, arbitrary: jsonish.map((j) => utf8(encodeContentLength(j))) },
    { weight: 2, arbitrary: headerish.map(utf8) },
    { weight: 2, arbitrary: wireText.map(utf8) },
    { weight: 1, arbitrary: rawBytes },
  );
  return {
    name: 'jsonrpc content-length framer',
    arbitrary: fc.record({
      wire: fc.array(part, { maxLength: 8 }).map(concat),
      cuts: cutsArb,
      max: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(1 << 20)),
    }),
    check: ({ wire, cuts, max }) => {
      const make = (sink: FrameSink) =>
        createContentLengthDecoder(sink, { maxMessageBytes: max, maxHeaderBytes: Math.max(16, max) });
      const whole = decodeWith(make, [wire], errors);
      assertSame('split bytes', whole, decodeWith(make, splitBytes(wire, cuts), errors));
      // Invalid bytes decode to U+FFFD (3 bytes each), so the text may re-encode to 3x the wire bytes.
      for (const frame of whole.frames) if (utf8(frame).length > 3 * max) throw new Error('frame over max');
    },
  };
}
