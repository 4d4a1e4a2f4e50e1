import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ExecutionError } from '../../src/core/errors.js';
import { writeFailed, writeNow, writeWithin } from '../../src/process/write-within.js';

describe('writeWithin', () => {
  it('resolves once the stream took the bytes and refuses past maxPending', async () => {
    const sink = new PassThrough();
    await writeWithin(sink, new Uint8Array([1, 2, 3]), 1024);
    expect(sink.read()).toEqual(Buffer.from([1, 2, 3]));
    await expect(writeWithin(sink, new Uint8Array(2048), 1024)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
  });
});

describe('writeNow', () => {
  it('takes text and bytes at once with no promise while the stream is under its high-water mark', () => {
    const sink = new PassThrough();
    expect(writeNow(sink, 'héllo\n', 1024)).toBeUndefined();
    expect(writeNow(sink, new Uint8Array([33]), 1024)).toBeUndefined();
    expect(sink.read().toString()).toBe('héllo\n!');
  });

  it('returns the refusal without writing: ended, destroyed, or over maxPending (counted in UTF-8 bytes)', () => {
    const sink = new PassThrough({ highWaterMark: 1 });
    sink.write('x'); // not read: one byte pending
    const over = writeNow(sink, 'éé', 4) as ExecutionError;
    expect(over).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { max: 4, pending: 1 } });
    sink.end();
    expect(writeNow(sink, 'a', 1024)).toMatchObject({ code: 'WRITE_FAILED' });
    const gone = new PassThrough();
    gone.destroy();
    expect(writeNow(gone, 'a', 1024)).toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('asks the writer to wait for drain once the stream is full, and settles on close too', async () => {
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 4,
      write(_chunk, _encoding, callback) {
        release = callback;
      },
    });
    const waited = writeNow(slow, 'abcdefgh', 1024);
    expect(waited).toBeInstanceOf(Promise);
    release?.();
    await waited;
    const stuck = new Writable({ highWaterMark: 1, write() {} });
    const closing = writeNow(stuck, 'ab', 1024);
    stuck.destroy();
    await closing;
  });

  it('counts text in UTF-8 bytes at the limit: 3-byte characters that fit, then one byte too many', () => {
    const sink = new PassThrough({ highWaterMark: 1 << 20 });
    expect(writeNow(sink, '€€', 6)).toBeUndefined();
    const fresh = new PassThrough({ highWaterMark: 1 << 20 });
    expect(writeNow(fresh, '€€a', 6)).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { max: 6 } });
  });

  it('a write that fails later (EPIPE from a peer that closed its stdin) surfaces as the stream error', async () => {
    const child = spawn('/bin/sh', ['-c', 'exec 0<&-; exec sleep 5'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    await once(child, 'spawn');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const failed: ExecutionError[] = [];
    const errored = new Promise<void>((resolve) =>
      child.stdin.on('error', (error) => {
        failed.push(writeFailed(error));
        resolve();
      }),
    );
    expect(writeNow(child.stdin, 'frame\n', 1024)).not.toBeInstanceOf(Error);
    await errored;
    expect(failed[0]).toMatchObject({ code: 'WRITE_FAILED', details: { errno: 'EPIPE' } });
    child.kill();
    await once(child, 'exit');
  });
});
