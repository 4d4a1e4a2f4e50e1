import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ByteCollector } from '../../src/process/byte-collector.js';
import { OutputChannel } from '../../src/process/output-channel.js';
import { pump } from '../../src/process/pump.js';
import type { ProcessSettings } from '../../src/process/settings.js';
import { TailRing } from '../../src/process/tail-ring.js';
import { TextCollector } from '../../src/process/text-collector.js';
import { fixture, node } from './support/fixtures.js';

const settings = (encoding: 'utf8' | 'buffer' = 'utf8') =>
  ({ encoding, framing: 'lines', maxLineBytes: 1024 * 1024, longLines: 'fail' }) as ProcessSettings;

// A channel whose events are collected: the lines it framed, and the byte payloads it sent.
function channel(options: { encoding?: 'utf8' | 'buffer'; tail?: TailRing } = {}) {
  const lines: string[] = [];
  const views: Uint8Array[] = [];
  const emit = (_type: string, payload: { lines?: string[]; bytes?: Uint8Array }) => {
    if (payload.lines) lines.push(...payload.lines);
    if (payload.bytes) views.push(payload.bytes);
    return undefined;
  };
  const collector = options.encoding === 'buffer' ? new ByteCollector(0) : new TextCollector(0);
  const out = new OutputChannel(
    'stdout',
    settings(options.encoding),
    emit as never,
    collector,
    options.tail,
    () => {},
  );
  return { out, lines, views };
}

// A chunk that owns its whole ArrayBuffer, as each pipe read does.
const ownChunk = (text: string) => {
  const chunk = Buffer.from(new ArrayBuffer(Buffer.byteLength(text)));
  chunk.write(text);
  return chunk;
};

describe('OutputChannel: a chunk is freed once decoded', () => {
  it('frees a chunk that is all of its ArrayBuffer, after framing its lines', () => {
    const { out, lines } = channel();
    const chunk = ownChunk('a\nb\n');
    out.handle(chunk);
    expect(lines).toEqual(['a', 'b']);
    expect(chunk.buffer.byteLength).toBe(0);
  });

  it('leaves a view of a larger buffer, and a pooled small Buffer, intact', () => {
    const { out, lines } = channel();
    const whole = Buffer.from('x\ny\nz\n');
    const view = whole.subarray(2);
    out.handle(view);
    const pooled = Buffer.from('w\n');
    out.handle(pooled);
    expect(lines).toEqual(['y', 'z', 'w']);
    expect(whole.toString()).toBe('x\ny\nz\n');
    expect(pooled.toString()).toBe('w\n');
  });

  it('keeps the chunks the stderr tail holds, and the bytes delivered with encoding buffer', () => {
    const tail = new TailRing(1024);
    const withTail = channel({ tail });
    const kept = ownChunk('oops\n');
    withTail.out.handle(kept);
    expect(kept.toString()).toBe('oops\n');
    expect(tail.text()).toBe('oops\n');

    const bytes = channel({ encoding: 'buffer' });
    const delivered = ownChunk('raw');
    bytes.out.handle(delivered);
    expect(Buffer.from(bytes.views[0] as Uint8Array).toString()).toBe('raw');
  });

  it('frees every read of a real child flood and frames every line', async () => {
    const child = spawn(node, [fixture('flood.mjs'), String(8_000_000), '100'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const { out, lines } = channel();
    const reads: Buffer[] = [];
    // Listening first, this sees each read before the channel does, and keeps it to check.
    child.stdout.on('data', (chunk: Buffer) => reads.push(chunk));
    await pump(child.stdout, out.handle).done;
    expect(lines.length).toBe(80_000);
    expect(lines.every((line) => line.length === 99)).toBe(true);
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.filter((chunk) => chunk.buffer.byteLength > 0)).toEqual([]);
  });
});
