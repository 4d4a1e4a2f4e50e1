import { describe, expectTypeOf, it } from 'vitest';
import type { RuntimeClient } from '../../../src/core/contracts/boundary/boundary-interfaces.js';
import {
  FleetClient,
  type FleetClientOptions,
  type NatsNodeOptions,
  type NatsNodeServer,
  serveNodeOnNats,
} from '../../../src/node/index.js';

describe('fleet types', () => {
  it('a FleetClient is a RuntimeClient', () => {
    expectTypeOf<FleetClient>().toMatchTypeOf<RuntimeClient>();
    expectTypeOf(serveNodeOnNats).returns.resolves.toEqualTypeOf<NatsNodeServer>();
  });

  it('options are exact and servers are required', () => {
    const ok: FleetClientOptions = { servers: 'nats://127.0.0.1:4222', heartbeatMs: 500, streamWindow: 16 };
    const node: NatsNodeOptions = { servers: ['nats://a:4222'], evidence: true, nodeId: 'a' };
    // @ts-expect-error unknown key
    const typo: FleetClientOptions = { servers: 'nats://x', hearbeatMs: 1 };
    // @ts-expect-error servers is required
    const missing: NatsNodeOptions = { evidence: true };
    // @ts-expect-error streamWindow belongs to the client
    const wrongSide: NatsNodeOptions = { servers: 'nats://x', streamWindow: 1 };
    void [ok, node, typo, missing, wrongSide, FleetClient];
  });
});
