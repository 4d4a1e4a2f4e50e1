import { describe, expect, it } from 'vitest';
import { HeldBody, HOLD_LIMIT } from '../../src/http/held-body.js';

const tooLarge = () => new Error('too large');

/** The engines' part recorded: what the held body asked of the socket. */
class Pushed extends HeldBody {
  readonly calls: string[] = [];
  push(bytes: number): boolean {
    return this.chunk(new Uint8Array(bytes));
  }
  end(): void {
    this.ended();
  }
  error(error: Error): void {
    this.fail(error);
  }
  read(limit: number, touched: string[] = []) {
    return this.collect(limit, { touch: () => touched.push('touch'), tooLarge });
  }
  protected flow(): void {
    this.calls.push('flow');
  }
  protected stop(reason: unknown): void {
    this.calls.push(`stop: ${(reason as Error).message}`);
  }
  protected released(): void {
    this.calls.push('released');
  }
}

describe('HeldBody', () => {
  it('hands over a body that came whole before it was asked for as bytes, not a promise', () => {
    const body = new Pushed();
    expect(body.push(3)).toBe(true);
    expect(body.push(4)).toBe(true);
    body.end();
    const read = body.read(100);
    expect(read).toBeInstanceOf(Uint8Array);
    expect((read as Uint8Array).byteLength).toBe(7);
    expect(body.calls).toEqual(['released']);
  });

  it('resolves a read still waiting when the body ends, touching the progress per chunk', async () => {
    const body = new Pushed();
    const touched: string[] = [];
    const read = body.read(100, touched);
    expect(read).toBeInstanceOf(Promise);
    body.push(5);
    body.push(5);
    body.end();
    expect((await read).byteLength).toBe(10);
    expect(touched).toEqual(['touch', 'touch']);
    expect(body.calls).toEqual(['flow', 'released']);
  });

  it('holds past its limit with the socket paused, then reads on when asked (or refuses past the limit)', async () => {
    const held = new Pushed();
    expect(held.push(HOLD_LIMIT)).toBe(true);
    expect(held.push(1)).toBe(false);
    const read = held.read(2 * HOLD_LIMIT);
    expect(held.calls).toEqual(['flow']);
    held.end();
    expect((await read).byteLength).toBe(HOLD_LIMIT + 1);

    const refused = new Pushed();
    refused.push(HOLD_LIMIT + 1);
    await expect(refused.read(HOLD_LIMIT)).rejects.toThrow('too large');
    expect(refused.calls).toEqual(['stop: too large', 'released']);
  });

  it('fails a waiting read past the limit, and on a transport error, stopping the exchange once', async () => {
    const big = new Pushed();
    const read = big.read(10);
    expect(big.push(11)).toBe(false);
    await expect(read).rejects.toThrow('too large');
    big.error(new Error('late'));
    expect(big.calls).toEqual(['flow', 'stop: too large', 'released']);

    const reset = new Pushed();
    const waiting = reset.read(10);
    reset.error(new Error('reset'));
    await expect(waiting).rejects.toThrow('reset');
    await expect(reset.read(10)).rejects.toThrow('reset');
  });

  it('drains a small discarded body and closes one declared past the hold limit', () => {
    const small = new Pushed();
    small.discard();
    small.push(10);
    small.end();
    expect(small.calls).toEqual(['flow', 'released']);

    const large = new Pushed();
    large.headers['content-length'] = String(HOLD_LIMIT + 1);
    large.discard();
    expect(large.calls).toEqual(['stop: response closed before its end', 'released']);
  });
});
