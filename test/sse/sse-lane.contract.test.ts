import { afterAll } from 'vitest';
import { stream } from '../../src/sse/index.js';
import { describeLaneContract } from '../contract/lane-contract.js';
import { serve } from '../fixtures/http/serve.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

// `/one` sends one event, `/hang` opens and stays silent, `/flood?n=` sends n events, `/denied` is a 401.
const server = await serve((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/denied') return void res.writeHead(401).end('no');
  openStream(res);
  if (url.pathname === '/hang') return;
  const n = url.pathname === '/flood' ? Number(url.searchParams.get('n')) : 1;
  let text = '';
  for (let i = 1; i <= n; i++) text += formatEvent({ id: String(i), data: `tick ${i}` });
  res.end(text);
});
afterAll(() => server.close());

describeLaneContract('sse', {
  succeed: (options) => stream(`${server.url}/one`, options),
  hang: (options) => stream(`${server.url}/hang`, options),
  // The contract counts execution events: one per message, not a few batches for 2 000 of them.
  flood: (count, options) => stream(`${server.url}/flood?n=${count}`, { ...options, batch: false }),
  fail: {
    start: (options) => stream(`${server.url}/denied`, options),
    failureClass: 'semantic_runtime_failed',
  },
});
