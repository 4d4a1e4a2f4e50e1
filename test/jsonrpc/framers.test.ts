import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { createFrameDecoder, encodeFrame } from '../../src/jsonrpc/framing.js';

interface Recorded {
  frames: string[];
  noise: string[];
  errors: string[];
}

function decodeAll(
  framing: 'ndjson' | 'content-length',
  chunks: ReadonlyArray<Uint8Array | string>,
  limits: { maxMessageBytes?: number; maxHeaderBytes?: number } = {},
): Recorded {
  const out: Recorded = { frames: [], noise: [], errors: [] };
  const decoder = createFrameDecoder(
    framing,
    {
      frame: (text) => out.frames.push(text),
      noise: (text) => out.noise.push(text),
      error: (error) => {
        expect(isExecutionError(error)).toBe(true);
        expect(error.failureClass).toBe('protocol_framing_failed');
        out.errors.push(error.code);
      },
    },
    limits,
  );
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return out;
}

/** Splits `bytes` at the given cut points. */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(bytes.subarray(last, p));
    last = p;
  }
  parts.push(bytes.subarray(last));
  return parts;
}

const messages = fc.array(
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify({ jsonrpc: '2.0', id: 1, result: v })),
    fc.string({ unit: 'grapheme' }).map((s) => JSON.stringify({ jsonrpc: '2.0', method: 'm', params: [s] })),
  ),
  { maxLength: 20 },
);

describe.each(['ndjson', 'content-length'] as const)('%s framer', (framing) => {
  it('yields the same frames for any chunk split, bytes or text', () => {
    fc.assert(
      fc.property(messages, fc.array(fc.nat(), { maxLength: 30 }), (texts, cuts) => {
        const wire = Buffer.from(texts.map((t) => encodeFrame(framing, t)).join(''));
        const whole = decodeAll(framing, [wire]);
        expect(whole.frames).toEqual(texts);
        expect(decodeAll(framing, split(wire, cuts)).frames).toEqual(texts);
        // One byte at a time splits every multi-byte character.
        expect(decodeAll(framing, split(wire, [...wire.keys()])).frames).toEqual(texts);
        expect(
          decodeAll(
            framing,
            texts.map((t) => encodeFrame(framing, t)),
          ).frames,
        ).toEqual(texts);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes in random splits give typed errors only and bounded memory', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4_000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const out = decodeAll(framing, split(bytes, cuts), { maxMessageBytes: 256, maxHeaderBytes: 128 });
          for (const frame of out.frames) expect(Buffer.byteLength(frame)).toBeLessThanOrEqual(256);
          for (const code of out.errors) expect(['MESSAGE_TOO_LARGE', 'FRAMING_ERROR']).toContain(code);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an over-limit message is reported and the next one still arrives', () => {
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'big', params: ['x'.repeat(500)] });
    const small = JSON.stringify({ jsonrpc: '2.0', method: 'small' });
    const wire = Buffer.from(encodeFrame(framing, big) + encodeFrame(framing, small));
    for (const chunks of [[wire], split(wire, [7, 100, 300, 520])]) {
      const out = decodeAll(framing, chunks, { maxMessageBytes: 100 });
      expect(out.errors).toEqual(['MESSAGE_TOO_LARGE']);
      expect(out.frames).toEqual([small]);
    }
  });
});

describe('ndjson specifics', () => {
  it('accepts CRLF, skips blank lines, delivers a final unterminated line and passes noise lines through', () => {
    const out = decodeAll('ndjson', ['{"a":1}\r\n\r\n  \n', 'not json\n{"b":', '2}']);
    expect(out.frames).toEqual(['{"a":1}', 'not json', '{"b":2}']);
  });

  it('bounds an endless line without a newline', () => {
    const out = decodeAll(
      'ndjson',
      Array.from({ length: 100 }, () => 'y'.repeat(1_000)),
      { maxMessageBytes: 10_000 },
    );
    expect(out.errors).toEqual(['MESSAGE_TOO_LARGE']);
    expect(out.frames).toEqual([]);
  });
});

describe('byte order marks (found by the fuzz suite)', () => {
  it.each(['ndjson', 'content-length'] as const)(
    '%s: a BOM-led frame decodes the same from Buffer and Uint8Array chunks',
    (framing) => {
      const wire = `${encodeFrame(framing, '\ufeff{"a":1}')}${encodeFrame(framing, '{"b":2}')}`;
      const bytes = new TextEncoder().encode(wire);
      const asBuffer = decodeAll(framing, [Buffer.from(bytes)]);
      const asArray = decodeAll(framing, [bytes]);
      const split = decodeAll(framing, [bytes.subarray(0, 5), Buffer.from(bytes.subarray(5))]);
      expect(asArray.frames).toEqual(['{"a":1}', '{"b":2}']);
      expect(asBuffer.frames).toEqual(asArray.frames);
      expect(split.frames).toEqual(asArray.frames);
    },
  );
});

describe('content-length specifics', () => {
  it('parses headers case-insensitively, with Content-Type, reporting stray lines as noise', () => {
    const body = '{"jsonrpc":"2.0","method":"é"}';
    const wire = `Debugger attached.\r\ncontent-length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`;
    const out = decodeAll('content-length', [wire]);
    expect(out.frames).toEqual([body]);
    expect(out.noise).toEqual(['Debugger attached.']);
  });

  it('skips a body in another charset and stays in sync', () => {
    const wire = `Content-Length: 2\r\nContent-Type: text/plain; charset=latin1\r\n\r\nab${encodeFrame('content-length', '{}')}`;
    const out = decodeAll('content-length', [wire]);
    expect(out.errors).toEqual(['FRAMING_ERROR']);
    expect(out.frames).toEqual(['{}']);
  });

  it('a header block without Content-Length stops the decoder with one error', () => {
    const out = decodeAll('content-length', [
      'Content-Type: x\r\n\r\n{}',
      encodeFrame('content-length', '{}'),
    ]);
    expect(out.errors).toEqual(['FRAMING_ERROR']);
    expect(out.frames).toEqual([]);
  });

  it('reports input that ends inside a frame and handles zero-length bodies', () => {
    expect(decodeAll('content-length', ['Content-Length: 10\r\n\r\n{}']).errors).toEqual(['FRAMING_ERROR']);
    expect(decodeAll('content-length', ['Content-Length: 0\r\n\r\n']).frames).toEqual(['']);
  });

  it('an identical repeated Content-Length is accepted; a conflicting one is fatal (issue #11 defect 9)', () => {
    const same = decodeAll('content-length', ['Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}']);
    expect(same).toMatchObject({ frames: ['{}'], errors: [] });
    const conflict = decodeAll('content-length', [
      'Content-Length: 2\r\ncontent-length: 12\r\n\r\n{}',
      encodeFrame('content-length', '{"a":1}'),
    ]);
    expect(conflict).toMatchObject({ frames: [], errors: ['FRAMING_ERROR'] });
    for (const value of ['abc', '5, 5', '-1', '1e3', '']) {
      const bad = decodeAll('content-length', [`Content-Length: 2\r\nContent-Length: ${value}\r\n\r\n{}`]);
      expect(bad).toMatchObject({ frames: [], errors: ['FRAMING_ERROR'] });
    }
  });

  it('bounds an endless header block', () => {
    const out = decodeAll(
      'content-length',
      Array.from({ length: 50 }, () => 'X-Noise: yes\r\n'),
      { maxHeaderBytes: 256 },
    );
    expect(out.errors).toEqual(['FRAMING_ERROR']);
  });
});
