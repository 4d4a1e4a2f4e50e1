import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../src/http/abort-link.js';

describe('AttemptAbort as the EventEmitter-shaped signal undici takes', () => {
  it('calls once/on listeners on abort, not removed ones, and keeps the first reason', () => {
    const link = new AttemptAbort();
    const seen: string[] = [];
    const kept = () => seen.push('kept');
    const removed = () => seen.push('removed');
    link.once('abort', kept);
    link.on('abort', removed);
    link.removeListener('abort', removed);
    link.abort(new Error('first'));
    link.abort(new Error('second'));
    expect(seen).toEqual(['kept']);
    expect(link.aborted).toBe(true);
    expect((link.reason as Error).message).toBe('first');
    expect(link.signal.aborted).toBe(true);
  });
});
