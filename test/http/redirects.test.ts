import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve, type TestServer } from '../fixtures/http/serve.js';

const secrets = {
  Authorization: 'Bearer tok-1',
  Cookie: 'session=abc',
  'Proxy-Authorization': 'Basic cHJveHk=',
  'X-Api-Key': 'key-1',
  'X-Vendor-Token': 'vendor-1',
};

/** /hop/N redirects to /hop/N-1 on the same origin; /hop/0 goes to `next` (another origin) or answers. */
async function chain(status: number, next?: () => string): Promise<TestServer> {
  return serve((req, res) => {
    const n = Number(req.url?.split('/')[2] ?? 0);
    if (req.url?.startsWith('/hop/') && n > 0) {
      res.writeHead(status, { location: `/hop/${n - 1}` });
      return res.end();
    }
    if (next && req.url === '/hop/0') {
      res.writeHead(status, { location: next() });
      return res.end();
    }
    res.end(`${req.method} ${req.url}`);
  });
}

describe.each(['node', 'fetch', 'undici'] as const)('redirects on the %s engine', (engine) => {
  it('follows a same-origin chain and keeps credentials', async () => {
    await using server = await chain(302);
    const execution = request(`${server.url}/hop/3`, {
      engine,
      headers: secrets,
      credentialHeaders: ['x-vendor-token'],
    });
    const events = await collect(execution);
    const output = await execution.output();
    expect(output).toMatchObject({ status: 200, body: 'GET /hop/0', url: `${server.url}/hop/0` });
    expect(output.redirects.map((r) => r.to)).toEqual(
      ['/hop/2', '/hop/1', '/hop/0'].map((p) => server.url + p),
    );
    expect(payloads(events, 'http.redirect')).toHaveLength(3);
    for (const seen of server.seen) {
      expect(seen.headers.authorization).toBe('Bearer tok-1');
      expect(seen.headers['x-vendor-token']).toBe('vendor-1');
    }
  });

  it('strips authorization, cookie, proxy-authorization, x-api-key and named headers across origins', async () => {
    await using target = await serve((req, res) => res.end(JSON.stringify(req.headers)));
    await using origin = await chain(307, () => `${target.url}/landing`);
    const output = await request(`${origin.url}/hop/1`, {
      engine,
      headers: { ...secrets, Accept: 'application/json' },
      credentialHeaders: ['X-Vendor-Token'],
      responseType: 'json',
    }).output();
    const received = output.body as Record<string, string>;
    for (const name of Object.keys(secrets)) expect(received[name.toLowerCase()]).toBeUndefined();
    expect(received.accept).toBe('application/json');
    expect(origin.seen.every((r) => r.headers.authorization === 'Bearer tok-1')).toBe(true);
    expect(output.redirects.at(-1)).toEqual({
      status: 307,
      from: `${origin.url}/hop/0`,
      to: `${target.url}/landing`,
      stripped_headers: ['authorization', 'cookie', 'proxy-authorization', 'x-api-key', 'x-vendor-token'],
    });
  });

  it('turns POST into GET on 303 and keeps method and body on 307', async () => {
    await using see = await chain(303);
    const after303 = await request(`${see.url}/hop/1`, {
      engine,
      method: 'POST',
      body: { a: 1 },
    }).output();
    expect(after303.body).toBe('GET /hop/0');
    expect(see.seen[1]).toMatchObject({ method: 'GET', body: '' });
    await using temp = await chain(307);
    const after307 = await request(`${temp.url}/hop/1`, {
      engine,
      method: 'POST',
      body: { a: 1 },
    }).output();
    expect(after307.body).toBe('POST /hop/0');
    expect(temp.seen[1]).toMatchObject({ method: 'POST', body: '{"a":1}' });
  });

  it('fails past redirect.max and returns the 3xx when not following', async () => {
    await using server = await chain(301);
    const outcome = await request(`${server.url}/hop/5`, { engine, redirect: { max: 2 } }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'HTTP_TOO_MANY_REDIRECTS',
      details: { limit: 'redirect.max', limit_value: 2 },
    });
    const unfollowed = await request(`${server.url}/hop/5`, { engine, redirect: false }).output();
    expect(unfollowed).toMatchObject({ status: 301, redirects: [] });
    expect(unfollowed.headers.location).toBe('/hop/4');
  });
});
