import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { planProxy, proxyFor } from '../../src/http/proxy.js';
import { collect } from '../fixtures/http/collect.js';
import { startForwardProxy } from '../fixtures/http/forward-proxy.js';
import { serve } from '../fixtures/http/serve.js';
import { serveTls } from '../fixtures/http/tls-server.js';

const ENV_NAMES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'];
const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('proxy planning (environment and NO_PROXY rules)', () => {
  const env = (vars: Record<string, string>) => planProxy('env', 'test', vars);
  const route = (plan: ReturnType<typeof env>, url: string) => proxyFor(plan, new URL(url))?.url.href;

  it('reads lower case before upper case, and https falls back to the http proxy', () => {
    const plan = env({ http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' });
    expect(route(plan, 'http://a.example/')).toBe('http://lower:1/');
    expect(route(plan, 'https://a.example/')).toBe('http://lower:1/');
    const split = env({ HTTP_PROXY: 'http://plain:1', HTTPS_PROXY: 'tls-proxy:3128' });
    expect(route(split, 'http://a.example/')).toBe('http://plain:1/');
    expect(route(split, 'https://a.example/')).toBe('http://tls-proxy:3128/');
    expect(env({})).toBeUndefined();
    expect(env({ NO_PROXY: '*' })).toBeUndefined();
  });

  it('NO_PROXY: host and subdomains, .suffix, *.suffix, host:port, *', () => {
    const plan = env({
      http_proxy: 'http://p:1',
      https_proxy: 'http://p:1',
      no_proxy: 'internal.example, .corp.example,*.lan  localhost:8080',
    });
    expect(route(plan, 'http://internal.example/')).toBeUndefined();
    expect(route(plan, 'http://api.internal.example/')).toBeUndefined();
    expect(route(plan, 'http://notinternal.example/')).toBe('http://p:1/');
    expect(route(plan, 'https://corp.example/')).toBeUndefined();
    expect(route(plan, 'https://git.corp.example/')).toBeUndefined();
    expect(route(plan, 'http://printer.lan/')).toBeUndefined();
    expect(route(plan, 'http://localhost:8080/')).toBeUndefined();
    expect(route(plan, 'http://localhost:9090/')).toBe('http://p:1/');
    expect(route(env({ HTTP_PROXY: 'http://p:1', NO_PROXY: '*' }), 'http://any.example/')).toBeUndefined();
    const ported = env({ HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example:8443' });
    expect(route(ported, 'https://a.example/'), 'default port 443 is not 8443').toBe('http://p:1/');
    expect(route(ported, 'https://a.example:8443/')).toBeUndefined();
  });

  it('refuses what is not an http: proxy URL, without quoting its credentials', () => {
    for (const bad of ['socks5://u:hunter22@p:1', 'https://p:1', 'http://p:1/path', 'http://']) {
      expect(() => request('http://127.0.0.1:9/', { proxy: bad })).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTIONS',
          details: expect.objectContaining({ option: 'proxy' }),
        }),
      );
    }
    expect(() => request('http://127.0.0.1:9/', { proxy: 'socks5://u:hunter22@p:1' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter22') }),
    );
    process.env.HTTPS_PROXY = 'ftp://u:hunter22@p:1';
    expect(() => request('https://127.0.0.1:9/', { proxy: 'env' })).toThrow(/`proxy \(https_proxy\)`/);
  });

  it('refuses a proxy on the fetch and undici engines', () => {
    for (const engine of ['fetch', 'undici'] as const) {
      expect(() => request('http://127.0.0.1:9/', { engine, proxy: 'http://127.0.0.1:1' })).toThrow(
        /`proxy`.*no proxy on the (fetch|undici) engine/,
      );
    }
  });
});

describe('requests through a real forward proxy (node engine)', () => {
  it('sends plain http in absolute form to the proxy', async () => {
    await using proxy = await startForwardProxy();
    await using target = await serve((req, res) => res.end(`hello ${req.url}`));
    const output = await request(`${target.url}/path?q=1`, { proxy: proxy.url }).output();
    expect(output.body).toBe('hello /path?q=1');
    expect(proxy.seen).toEqual([
      { method: 'GET', target: `${target.url}/path?q=1`, proxyAuthorization: undefined },
    ]);
    expect(target.seen[0]?.headers.host).toBe(new URL(target.url).host);
  });

  it('tunnels https through CONNECT, end-to-end TLS, and reuses the tunnel', async () => {
    await using proxy = await startForwardProxy();
    await using target = await serveTls((req: IncomingMessage, res: ServerResponse) =>
      res.end(`secure ${req.url}`),
    );
    const agents = { https: new https.Agent({ ca: target.ca }) };
    expect(await request(`${target.url}/one`, { proxy: proxy.url, agents }).text()).toBe('secure /one');
    expect(
      await request(`${target.url}/two`, { proxy: proxy.url, agents, responseType: 'stream' }).text(),
    ).toBe('secure /two');
    expect(proxy.seen).toEqual([
      { method: 'CONNECT', target: new URL(target.url).host, proxyAuthorization: undefined },
    ]);
  });

  it('sends the proxy URL’s credentials as proxy-authorization, and redacts them everywhere', async () => {
    await using proxy = await startForwardProxy({ credentials: 'alice:s3cret-pw' });
    await using target = await serve((req, res) => res.end(JSON.stringify(req.headers)));
    const withCreds = proxy.url.replace('//', '//alice:s3cret-pw@');
    const basic = Buffer.from('alice:s3cret-pw').toString('base64');
    const execution = request(target.url, { proxy: withCreds, responseType: 'json' });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(outcome.status).toBe('succeeded');
    expect(proxy.seen[0]?.proxyAuthorization).toBe(`Basic ${basic}`);
    const everything = JSON.stringify({ events, outcome });
    expect(everything).not.toContain('s3cret-pw');
    expect(everything).not.toContain(basic);
    // A wrong password: 407 over plain http is a fact; a refused tunnel is a transport failure.
    const wrong = proxy.url.replace('//', '//alice:wrong-pw-1@');
    expect((await request(target.url, { proxy: wrong }).output()).status).toBe(407);
    await using tlsTarget = await serveTls((_req: IncomingMessage, res: ServerResponse) => res.end('never'));
    const refused = await request(tlsTarget.url, { proxy: wrong, retry: false }).result;
    expect(refused.status).toBe('failed');
    expect(refused.failure?.code).toBe('HTTP_TRANSPORT_FAILED');
    expect(refused.failure?.reason).toContain('407');
    expect(JSON.stringify(refused)).not.toContain('wrong-pw-1');
  });

  it("proxy: 'env' goes through HTTP_PROXY, and NO_PROXY bypasses it", async () => {
    await using proxy = await startForwardProxy();
    await using target = await serve((_req, res) => res.end('ok'));
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'bypass.example';
    expect(await request(target.url, { proxy: 'env' }).text()).toBe('ok');
    expect(proxy.seen).toHaveLength(1);
    process.env.NO_PROXY = '127.0.0.1';
    expect(await request(target.url, { proxy: 'env' }).text()).toBe('ok');
    expect(proxy.seen, 'NO_PROXY host: straight to the target').toHaveLength(1);
    // Without the option, the environment is ignored.
    process.env.NO_PROXY = '';
    expect(await request(target.url).text()).toBe('ok');
    expect(proxy.seen).toHaveLength(1);
    expect(target.seen).toHaveLength(3);
  });
});
