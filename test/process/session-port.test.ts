import { describe, expect, it } from 'vitest';
import { SessionPort } from '../../src/process/session-port.js';

const taker = () => undefined;

describe('SessionPort: the stdout hand-off', () => {
  it('is taken once, where the plan allows it, before the lane claims stdout', () => {
    const port = new SessionPort();
    port.allowTake();
    expect(port.take(taker)).toBe(true);
    expect(port.take(() => undefined)).toBe(false);
    expect(port.claimTaker()).toBe(taker);
    expect(port.take(taker)).toBe(false);
  });

  it('is refused where the plan does not allow it (a PTY, inherited or merged stdout)', () => {
    const port = new SessionPort();
    expect(port.take(taker)).toBe(false);
    expect(port.claimTaker()).toBeUndefined();
  });

  it('is refused once the lane began reading stdout itself', () => {
    const port = new SessionPort();
    port.allowTake();
    expect(port.claimTaker()).toBeUndefined();
    expect(port.take(taker)).toBe(false);
  });
});
