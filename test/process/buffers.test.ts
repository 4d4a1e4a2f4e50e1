import { describe, expect, it } from 'vitest';
import { truncateUtf8, utf8PrefixLength } from '../../src/internal/utf8.js';
import { exitedCleanly, exitFacts, signalName } from '../../src/process/exit-facts.js';
import { TailRing } from '../../src/process/tail-ring.js';
import { TextCollector } from '../../src/process/text-collector.js';

describe('TextCollector', () => {
  it('keeps everything under the limit', () => {
    const c = new TextCollector(10);
    c.push('abc', 3);
    c.push('def', 3);
    expect(c.text()).toBe('abcdef');
    expect(c.truncated).toBe(false);
  });

  it('cuts at the limit on a character boundary and flags truncation', () => {
    const c = new TextCollector(7);
    c.push('ab', 2);
    c.push('日本語', 9);
    c.push('more', 4);
    expect(c.text()).toBe('ab日');
    expect(c.truncated).toBe(true);
  });

  it('with a limit of 0 collects nothing and flags nothing', () => {
    const c = new TextCollector(0);
    c.push('abc', 3);
    expect(c.text()).toBe('');
    expect(c.truncated).toBe(false);
    expect(c.open).toBe(false);
  });
});

describe('TailRing', () => {
  it('keeps the last bytes and never starts inside a character', () => {
    const ring = new TailRing(7);
    ring.push(Buffer.from('first line\n'));
    ring.push(Buffer.from('日本語'));
    // The last 7 bytes start inside 日: its continuation byte is skipped.
    expect(ring.text()).toBe('本語');
    expect(ring.dropped).toBe(true);
  });

  it('keeps everything while under the limit', () => {
    const ring = new TailRing(100);
    ring.push(Buffer.from('a'));
    ring.push(Buffer.from('b'));
    expect(ring.text()).toBe('ab');
    expect(ring.dropped).toBe(false);
  });

  it('drops whole chunks past the limit', () => {
    const ring = new TailRing(4);
    for (let i = 0; i < 1000; i++) ring.push(Buffer.from(`line ${i}\n`));
    expect(ring.text()).toBe('999\n');
  });
});

describe('utf8 helpers', () => {
  it('never cuts a surrogate pair and always progresses', () => {
    expect(utf8PrefixLength('😀a', 3)).toBe(2);
    expect(utf8PrefixLength('😀a', 4)).toBe(2);
    expect(utf8PrefixLength('😀a', 5)).toBe(3);
    expect(truncateUtf8('😀', 3)).toBe('');
    expect(truncateUtf8('ab😀', 5)).toBe('ab');
  });
});

describe('exit facts', () => {
  it('reports a signal death as the signal, never as a fake exit code', () => {
    expect(exitFacts(null, 'SIGKILL')).toEqual({ exit_code: null, signal: 'SIGKILL' });
    expect(exitFacts(0, 9)).toEqual({ exit_code: null, signal: 'SIGKILL' });
    expect(exitFacts(3, null)).toEqual({ exit_code: 3, signal: null });
    expect(exitFacts(0, 0)).toEqual({ exit_code: 0, signal: null });
    expect(exitFacts(undefined, undefined)).toEqual({ exit_code: null, signal: null });
  });

  it('is clean only for code 0 without a signal', () => {
    expect(exitedCleanly({ exit_code: 0, signal: null })).toBe(true);
    expect(exitedCleanly({ exit_code: 1, signal: null })).toBe(false);
    expect(exitedCleanly({ exit_code: null, signal: 'SIGTERM' })).toBe(false);
  });

  it('names signal numbers', () => {
    expect(signalName(15)).toBe('SIGTERM');
    expect(signalName(2)).toBe('SIGINT');
    expect(signalName(250)).toBe('SIG250');
  });
});
