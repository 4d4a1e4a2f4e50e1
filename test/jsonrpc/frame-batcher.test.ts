import { describe, expect, it } from 'vitest';
import { CHARS_PER_WRITE, FRAMES_PER_WRITE, FrameBatcher } from '../../src/jsonrpc/frame-batcher.js';

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('FrameBatcher', () => {
  it('writes the first frame of a turn at once and the rest in writes of at most FRAMES_PER_WRITE frames, in order', async () => {
    const writes: string[] = [];
    const batcher = new FrameBatcher((data) => void writes.push(data));
    const frames = Array.from({ length: 40 }, (_, i) => `${i}\n`);
    for (const frame of frames) batcher.send(frame);
    // 1 at once, then 16 and 16 as they gather; the last 7 wait for the end of the turn.
    expect(writes.map((w) => w.split('\n').length - 1)).toEqual([1, FRAMES_PER_WRITE, FRAMES_PER_WRITE]);
    await turn();
    expect(writes.map((w) => w.split('\n').length - 1)).toEqual([1, 16, 16, 7]);
    expect(writes.join('')).toBe(frames.join(''));
    // A new turn starts over: its first frame goes at once.
    batcher.send('x\n');
    expect(writes.at(-1)).toBe('x\n');
  });

  it('a joined write holds about CHARS_PER_WRITE characters at most: big frames go out as they come', async () => {
    const writes: string[] = [];
    const batcher = new FrameBatcher((data) => void writes.push(data));
    const big = 'b'.repeat(CHARS_PER_WRITE);
    batcher.send('first\n');
    batcher.send(big);
    batcher.send('small\n');
    batcher.send(big);
    expect(writes).toEqual(['first\n', big, `small\n${big}`]);
    await turn();
    expect(writes).toHaveLength(3);
  });

  it("a queued frame's send settles with the write that carries it: resolved, waited for, or refused", async () => {
    let answer: undefined | Promise<void>;
    const batcher = new FrameBatcher(() => answer);
    expect(batcher.send('a\n')).toBeUndefined();
    const taken = batcher.send('b\n');
    await turn();
    await expect(taken).resolves.toBeUndefined();

    const drained = Promise.withResolvers<void>();
    answer = drained.promise;
    batcher.send('c\n');
    let settled = false;
    void batcher.send('d\n')?.then(() => (settled = true));
    await turn();
    expect(settled).toBe(false);
    drained.resolve();
    await turn();
    expect(settled).toBe(true);

    answer = Promise.reject(new Error('refused'));
    answer.catch(() => {});
    batcher.send('e\n');
    const refused = batcher.send('f\n');
    await expect(refused).rejects.toThrow('refused');
  });

  it('a write that throws rejects its frames; discard rejects the frames not yet written and writes nothing', async () => {
    const writes: string[] = [];
    let fail = false;
    const batcher = new FrameBatcher((data) => {
      if (fail) throw new Error('gone');
      writes.push(data);
      return undefined;
    });
    batcher.send('a\n');
    const thrown = batcher.send('b\n');
    fail = true;
    await expect(thrown).rejects.toThrow('gone');
    fail = false;
    await turn();
    batcher.send('c\n');
    const dropped = batcher.send('d\n');
    batcher.discard(new Error('closed'));
    await expect(dropped).rejects.toThrow('closed');
    await turn();
    expect(writes).toEqual(['a\n', 'c\n']);
  });
});
