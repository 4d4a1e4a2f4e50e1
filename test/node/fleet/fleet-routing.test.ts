import { describe, expect, it } from 'vitest';
import type { NodeEntry } from '../../../src/node/fleet/fleet-protocol.js';
import { planRoute } from '../../../src/node/fleet/fleet-routing.js';

const entry = (node_id: string, classes: string[], extra: Partial<NodeEntry> = {}): NodeEntry => ({
  node_id,
  heartbeat_ms: 1_000,
  in_flight: 0,
  registered_lanes: ['process'],
  targets: [
    { target_id: `${node_id}-t`, lane_id: 'process', attestation_classes: classes, expires_at: null },
  ],
  published_at: new Date().toISOString(),
  ...extra,
});
const request = (classes?: string[]) => ({
  lane_id: 'process',
  ...(classes ? { acceptable_attestation: { classes } } : {}),
});
const none = () => 0;

describe('planRoute (the selection rule)', () => {
  it('keeps nodes whose unexpired target on the lane attests an acceptable class, and says why the others were passed over', () => {
    const plan = planRoute(
      [
        entry('a', ['weak']),
        entry('b', ['strong']),
        entry('c', ['strong'], { registered_lanes: ['http'] }),
        entry('d', ['strong'], {
          targets: [
            {
              target_id: 'd-t',
              lane_id: 'process',
              attestation_classes: ['strong'],
              expires_at: '2000-01-01T00:00:00Z',
            },
          ],
        }),
        entry('e', ['strong'], { targets: [] }),
      ],
      request(['strong']),
      none,
      none,
    );
    expect(plan.candidates).toEqual(['b']);
    expect(plan.refusals).toEqual([
      { node_id: 'a', reason: 'no_satisfying_attested_target' },
      { node_id: 'c', reason: 'lane_not_registered' },
      { node_id: 'd', reason: 'target_expired' },
      { node_id: 'e', reason: 'no_satisfying_attested_target' },
    ]);
  });

  it("orders satisfying nodes by this client's calls in flight, then the node's own count, then least recently chosen", () => {
    const nodes = [entry('a', ['w'], { in_flight: 5 }), entry('b', ['w']), entry('c', ['w'])];
    const calls = new Map([['b', 2]]);
    const chosen = new Map([
      ['a', 1],
      ['c', 2],
    ]);
    const plan = planRoute(
      nodes,
      request(['w']),
      (id) => calls.get(id) ?? 0,
      (id) => chosen.get(id) ?? 0,
    );
    expect(plan.candidates).toEqual(['c', 'a', 'b']);
  });

  it('a request without classes (direct provenance) needs only the lane', () => {
    expect(
      planRoute([entry('a', []), entry('b', [], { registered_lanes: [] })], request(), none, none).candidates,
    ).toEqual(['a']);
  });
});
