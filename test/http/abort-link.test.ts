import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../src/http/abort-link.js';

describe('AttemptAbort, the abort side of one attempt', () => {
  it('calls subscribed listeners once with the first reason, not unsubscribed ones', () => {
    const link = new AttemptAbort();
    const seen: unknown[] = [];
    link.onAbort((reason) => seen.push(['kept', (reason as Error).message]));
    const unsubscribe = link.onAbort(() => seen.push('removed'));
    unsubscribe();
    link.abort(new Error('first'));
    link.abort(new Error('second'));
    expect(seen).toEqual([['kept', 'first']]);
    expect(link.aborted).toBe(true);
    expect((link.reason as Error).message).toBe('first');
  });

  it('calls a listener added after the abort at once, and makes an already aborted signal', () => {
    const link = new AttemptAbort();
    link.abort(new Error('gone'));
    let heard: unknown;
    link.onAbort((reason) => {
      heard = reason;
    });
    expect((heard as Error).message).toBe('gone');
    expect(link.signal.aborted).toBe(true);
    expect((link.signal.reason as Error).message).toBe('gone');
  });

  it('aborts a signal made before the abort', () => {
    const link = new AttemptAbort();
    const signal = link.signal;
    expect(signal.aborted).toBe(false);
    link.abort(new Error('later'));
    expect(signal.aborted).toBe(true);
  });

  it('calls every listener of several, in order, once; each unsubscribes only itself', () => {
    const link = new AttemptAbort();
    const seen: string[] = [];
    const offA = link.onAbort(() => seen.push('a'));
    link.onAbort(() => seen.push('b'));
    const offC = link.onAbort(() => seen.push('c'));
    link.onAbort(() => seen.push('d'));
    offA();
    offC();
    offA();
    link.onAbort(() => seen.push('e'));
    link.abort(new Error('once'));
    link.abort(new Error('twice'));
    expect(seen.sort()).toEqual(['b', 'd', 'e']);
  });
});
