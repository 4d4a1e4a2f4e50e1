import { afterAll } from 'vitest';
import { request } from '../../src/http/index.js';
import { describeLaneContract } from '../contract/lane-contract.js';
import { closedPort } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';

// One real server for the whole suite: `/` answers, `/hang` never does.
const server = await serve((req, res) => {
  if (req.url !== '/hang') res.end('ok');
});
const refused = `http://127.0.0.1:${await closedPort()}/`;
afterAll(() => server.close());

for (const engine of ['node', 'fetch', 'undici'] as const) {
  describeLaneContract(`http (${engine} engine)`, {
    succeed: (options) => request(server.url, { ...options, engine }),
    hang: (options) => request(`${server.url}/hang`, { ...options, engine }),
    fail: {
      start: (options) => request(refused, { ...options, engine, retry: false }),
      failureClass: 'transport_failed',
    },
  });
}
