import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhaseWatchdog } from '../../src/internal/http/watchdog.js';

describe('PhaseWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires a phase that outlives its limit, once', () => {
    const expired: Array<[string, number]> = [];
    const watchdog = new PhaseWatchdog((phase, ms) => expired.push([phase, ms]));
    watchdog.enter('headers', 100);
    vi.advanceTimersByTime(150);
    expect(expired).toEqual([['headers', 100]]);
    vi.advanceTimersByTime(1_000);
    expect(expired).toHaveLength(1);
  });

  it('expires nothing while paused, and a phase entered after the pause counts from its entry', () => {
    const expired: string[] = [];
    const watchdog = new PhaseWatchdog((phase) => expired.push(phase));
    watchdog.enter('headers', 100);
    vi.advanceTimersByTime(50);
    watchdog.pause();
    vi.advanceTimersByTime(500);
    expect(expired).toEqual([]);
    watchdog.enter('idle', 100);
    vi.advanceTimersByTime(90);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(expired).toEqual(['idle']);
  });

  it('keeps the armed timer across a short pause and re-arms for the rest of the new phase', () => {
    const expired: string[] = [];
    const watchdog = new PhaseWatchdog((phase) => expired.push(phase));
    watchdog.enter('headers', 100);
    vi.advanceTimersByTime(40);
    watchdog.pause();
    watchdog.enter('idle', 100);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(90);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(expired).toEqual(['idle']);
  });

  it('leaves no timer after stop, paused or not', () => {
    const watchdog = new PhaseWatchdog(() => {});
    watchdog.enter('headers', 100);
    watchdog.pause();
    watchdog.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
