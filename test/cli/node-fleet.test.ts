import { describe, expect, it } from 'vitest';
import { FleetClient } from '../../src/node/index.js';
import { natsServerMissing, startNatsCluster } from '../fixtures/fleet/nats-cluster.js';
import { ensureBuilt, jsonLines } from './helpers.js';
import { processRequest, startServe, writeServeFixture } from './serve-helpers.js';

ensureBuilt();
const missing = natsServerMissing();

describe('execution-plane node serve with a fleet section', () => {
  it('serves the configured node on NATS too: a FleetClient executes through it; SIGTERM leaves the fleet', async () => {
    // nats-server is installed by scripts/ensure-system-deps.sh; without it there is nothing to serve on.
    expect(missing, missing).toBeUndefined();
    const nats = await startNatsCluster(1);
    try {
      const fixture = writeServeFixture({ fleet: { servers: nats.urls[0], heartbeatMs: 200 } });
      const served = await startServe(fixture.config);
      try {
        expect(jsonLines(served.child.err).some((line) => line.msg === 'serving on the fleet')).toBe(true);
        await using fleet = new FleetClient({ servers: [...nats.urls], heartbeatMs: 200 });
        const result = await fleet.execute(processRequest('echo', ['over the fleet']));
        expect(result.status).toBe('succeeded');
        expect(JSON.stringify(result.output)).toContain('over the fleet');
      } finally {
        served.child.kill('SIGTERM');
        const done = await served.done();
        expect(done.code).toBe(0);
      }
    } finally {
      await nats.stop();
    }
  }, 30_000);
});
