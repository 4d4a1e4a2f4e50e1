import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from '../../src/internal/abort-fanout.js';

describe('onAbort', () => {
  it('adds one listener per signal however many subscribe, and removes it with the last', () => {
    const controller = new AbortController();
    const offs = Array.from({ length: 50 }, () => onAbort(controller.signal, () => {}));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (const off of offs) off();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    offs[0]?.();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('delivers the reason to every subscriber once', () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    onAbort(controller.signal, (r) => seen.push(r));
    onAbort(controller.signal, (r) => seen.push(r));
    controller.abort('stop');
    controller.abort('again');
    expect(seen).toEqual(['stop', 'stop']);
    // A fresh subscription after abort starts a new entry rather than reusing the fired one.
    const off = onAbort(controller.signal, () => {});
    off();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
