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

for (const engine of ['node', 'fetch'] as const) {
  describeLaneContract(`http (${engine} engine)`, {
    succeed: (options) => request({ url: server.url, engine }, options),
    hang: (options) => request({ url: `${server.url}/hang`, engine }, options),
    fail: {
      start: (options) => request({ url: refused, engine, retry: false }, options),
      failureClass: 'transport_failed',
    },
  });
}
