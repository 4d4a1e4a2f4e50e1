import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineBatch, LineFramer } from '../../src/process/line-framer.js';

const framer = (maxLineBytes = 1024, longLines: 'fail' | 'chunk' = 'fail') =>
  new LineFramer({ maxLineBytes, longLines });

function frameAll(chunks: readonly string[], f = framer()): string[] {
  const lines: string[] = [];
  for (const chunk of chunks) for (const batch of f.push(chunk)) lines.push(...batch.lines);
  for (const batch of f.flush()) lines.push(...batch.lines);
  return lines;
}

// Bytes through a streaming UTF-8 decoder and the framer, split at the given offsets.
function decodeAndFrame(bytes: Buffer, cuts: readonly number[]): string[] {
  const decoder = new StringDecoder('utf8');
  const f = framer();
  const lines: string[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    for (const batch of f.push(decoder.write(bytes.subarray(from, cut)))) lines.push(...batch.lines);
    from = cut;
  }
  for (const batch of f.push(decoder.end())) lines.push(...batch.lines);
  for (const batch of f.flush()) lines.push(...batch.lines);
  return lines;
}

describe('LineFramer', () => {
  it('ends lines at LF, CRLF and a lone CR, strips terminators and keeps empty lines', () => {
    expect(frameAll(['a\nb\r\nc\rd\n\ne'])).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('treats CRLF split across chunks as one terminator, and CR then text as two lines', () => {
    expect(frameAll(['a\r', '\nb\n'])).toEqual(['a', 'b']);
    expect(frameAll(['a\r', 'b\n'])).toEqual(['a', 'b']);
    expect(frameAll(['a\r', '\r\n'])).toEqual(['a', '']);
  });

  it('delivers a line ended by a chunk-final CR without waiting for the next chunk', () => {
    const f = framer();
    expect(f.push('progress 10%\r')).toEqual([{ lines: ['progress 10%'], partial: false }]);
    expect(f.push('\nnext')).toEqual([]);
    expect(f.flush()).toEqual([{ lines: ['next'], partial: false }]);
  });

  it('flushes the trailing partial line byte-exact, spaces included', () => {
    expect(frameAll(['  lead', 'ing and trailing  '])).toEqual(['  leading and trailing  ']);
    expect(framer().flush()).toEqual([]);
  });

  it('batches every line completed by one chunk into one batch', () => {
    const f = framer();
    expect(f.push('one\ntwo\nthr')).toEqual([{ lines: ['one', 'two'], partial: false }]);
    expect(f.push('ee\n')).toEqual([{ lines: ['three'], partial: false }]);
  });

  it('frames identically however the text is split', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '\n', '\r', 'é', '字', '😀');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }),
        fc.array(fc.nat(60), { maxLength: 6 }),
        (chars, cuts) => {
          const text = chars.join('');
          const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((x, y) => x - y);
          const chunks: string[] = [];
          let from = 0;
          for (const p of [...points, text.length]) {
            chunks.push(text.slice(from, p));
            from = p;
          }
          expect(frameAll(chunks)).toEqual(frameAll([text]));
        },
      ),
    );
  });

  it('chunk mode reassembles to the same lines with every piece within the limit, however split', () => {
    const alphabet = fc.constantFrom('a', 'b', '\n', '\r', 'é', '字', '😀');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }),
        fc.array(fc.nat(80), { maxLength: 6 }),
        fc.integer({ min: 4, max: 12 }),
        (chars, cuts, max) => {
          const text = chars.join('');
          const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((x, y) => x - y);
          const f = framer(max, 'chunk');
          const pieces: LineBatch[] = [];
          let from = 0;
          for (const p of [...points, text.length]) {
            pieces.push(...f.push(text.slice(from, p)));
            from = p;
          }
          pieces.push(...f.flush());
          const logical: string[] = [];
          let open = '';
          for (const batch of pieces) {
            batch.lines.forEach((line, i) => {
              const fragment = batch.partial && i === batch.lines.length - 1;
              expect(Buffer.byteLength(line)).toBeLessThanOrEqual(max);
              if (fragment) open += line;
              else {
                logical.push(open + line);
                open = '';
              }
            });
          }
          expect(logical).toEqual(frameAll([text], framer(1024)));
        },
      ),
    );
  });

  it('decodes a CJK and emoji stream identically when split at every byte offset', () => {
    const text = '日本語のテキスト\r\n😀 emoji 👩‍👩‍👧\n中文，한국어\rÅngström — ∑\n末尾';
    const bytes = Buffer.from(text, 'utf8');
    const whole = decodeAndFrame(bytes, []);
    expect(whole).toEqual(['日本語のテキスト', '😀 emoji 👩‍👩‍👧', '中文，한국어', 'Ångström — ∑', '末尾']);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const lines = decodeAndFrame(bytes, [cut]);
      expect(lines, `split at byte ${cut}`).toEqual(whole);
      expect(lines.join('')).not.toContain('\uFFFD');
    }
    for (let a = 1; a < bytes.length; a += 3) {
      expect(
        decodeAndFrame(bytes, [a, Math.min(bytes.length, a + 1), Math.min(bytes.length, a + 2)]),
      ).toEqual(whole);
    }
  });

  it('stops at a line longer than maxLineBytes and reports its size (fail mode)', () => {
    const f = framer(8);
    expect(f.push('short\n0123456789\nlater\n')).toEqual([{ lines: ['short'], partial: false }]);
    expect(f.overflowBytes).toBe(10);
    expect(f.push('more\n')).toEqual([]);
    expect(f.flush()).toEqual([]);
  });

  it('counts bytes, not characters, against maxLineBytes', () => {
    const f = framer(8);
    f.push('日本語\n');
    expect(f.overflowBytes).toBe(9);
    const ok = framer(9);
    expect(ok.push('日本語\n')).toEqual([{ lines: ['日本語'], partial: false }]);
  });

  it('fails on an open line that grows past the limit without a newline', () => {
    const f = framer(16);
    expect(f.push('x'.repeat(10))).toEqual([]);
    expect(f.overflowBytes).toBeUndefined();
    f.push('x'.repeat(10));
    expect(f.overflowBytes).toBe(20);
  });

  it('chunks an over-long line into fragments that close batches (chunk mode)', () => {
    const f = framer(4, 'chunk');
    const batches: LineBatch[] = [...f.push('ab\n0123456789\ncd\n')];
    expect(batches).toEqual([
      { lines: ['ab', '0123'], partial: true },
      { lines: ['4567'], partial: true },
      { lines: ['89', 'cd'], partial: false },
    ]);
    expect(f.overflowBytes).toBeUndefined();
  });

  it('chunks an open over-long line as it arrives and never splits a character', () => {
    const f = framer(5, 'chunk');
    const out = [...f.push('日本語日本'), ...f.push('語\n')];
    expect(out).toEqual([
      { lines: ['日'], partial: true },
      { lines: ['本'], partial: true },
      { lines: ['語'], partial: true },
      { lines: ['日'], partial: true },
      { lines: ['本'], partial: true },
      { lines: ['語'], partial: false },
    ]);
  });

  it('counts the characters of a fast-path batch, the carry and a skipped LF included', () => {
    const f = framer();
    expect(f.push('ab\ncd')).toEqual([{ lines: ['ab'], partial: false }]);
    expect(f.chars).toBe(2);
    expect(f.push('ef\ngh\n')).toEqual([{ lines: ['cdef', 'gh'], partial: false }]);
    expect(f.chars).toBe(6);
    expect(f.push('x\r')).toEqual([{ lines: ['x'], partial: false }]);
    expect(f.chars).toBe(-1); // the scan path does not count
    expect(f.push('\nyz\n')).toEqual([{ lines: ['yz'], partial: false }]);
    expect(f.chars).toBe(2);
    expect(f.push('open')).toEqual([]);
    expect(f.chars).toBe(-1);
  });

  it('fuzz: a counted batch always holds exactly that many characters', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ab\n\r]{0,12}$/), { maxLength: 12 }), (chunks) => {
        const f = framer(64, 'chunk');
        for (const chunk of chunks) {
          const batches = f.push(chunk);
          if (f.chars < 0) continue;
          expect(batches).toHaveLength(1);
          const lines = (batches[0] as LineBatch).lines;
          expect(lines.reduce((sum, line) => sum + line.length, 0)).toBe(f.chars);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
