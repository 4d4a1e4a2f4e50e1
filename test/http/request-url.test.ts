import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

describe('baseUrl', () => {
  it('resolves relative URLs by the WHATWG rules (a trailing slash keeps the base path)', async () => {
    await using server = await serve((req, res) => res.end(req.url));
    const get = (url: string, baseUrl: string) => request(url, { baseUrl }).text();
    expect(await get('items', `${server.url}/v1/`)).toBe('/v1/items');
    expect(await get('items', `${server.url}/v1`)).toBe('/items');
    expect(await get('/items', `${server.url}/v1/`)).toBe('/items');
    expect(await get('../up?x=1', `${server.url}/v1/sub/`)).toBe('/v1/up?x=1');
    expect(await get(`${server.url}/same-origin`, `${server.url}/v1/`)).toBe('/same-origin');
  });

  it('refuses a base that is not an absolute http(s) URL, and a URL that leaves its origin', () => {
    expect(() => request('items', { baseUrl: 'api/v1/' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        details: expect.objectContaining({ option: 'baseUrl' }),
      }),
    );
    expect(() => request('items', { baseUrl: 'ftp://files.example/' })).toThrow(/`baseUrl`/);
    expect(() => request('items', { baseUrl: 'https://user:pw@api.example.com/' })).toThrow(
      /`baseUrl`.*without user-info/,
    );
    expect(() => request('https://elsewhere.example/x', { baseUrl: 'https://api.example.com/' })).toThrow(
      /`url`.*baseUrl's origin \(https:\/\/api\.example\.com\)/,
    );
    expect(() => request('//elsewhere.example/x', { baseUrl: 'https://api.example.com/' })).toThrow(/`url`/);
    expect(() => request('items')).toThrow(/`url`.*absolute http: or https: URL/);
  });
});

describe('query', () => {
  it('appends encoded parameters to the URL’s own, repeating arrays and leaving out undefined', async () => {
    await using server = await serve((req, res) => res.end(req.url));
    const path = await request(`${server.url}/search?lang=en`, {
      query: { q: 'a b&c/ü', page: 2, exact: false, tag: ['x', 'y'], skip: undefined },
    }).text();
    expect(path).toBe('/search?lang=en&q=a+b%26c%2F%C3%BC&page=2&exact=false&tag=x&tag=y');
  });

  it('refuses null, objects and non-finite numbers, naming the parameter', () => {
    const url = 'https://api.example.com/search';
    for (const bad of [null, { a: 1 }, Number.NaN, Number.POSITIVE_INFINITY, [['nested']]]) {
      expect(() => request(url, { query: { q: bad as never } })).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTIONS',
          details: expect.objectContaining({ option: 'query.q' }),
        }),
      );
    }
    // @ts-expect-error a query value is a scalar or an array of scalars
    expect(() => request(url, { query: { q: { a: 1 } } })).toThrow(/query\.q/);
  });

  it('credential-looking query parameters are redacted in the output URL', async () => {
    await using server = await serve((_req, res) => res.end('ok'));
    const output = await request(server.url, { query: { api_key: 'k-123456', q: 'x' } }).output();
    expect(output.url).not.toContain('k-123456');
    expect(output.url).toContain('q=x');
  });
});

describe('parsed URLs shared between plans', () => {
  it('keeps each request’s query its own when the same URL is requested with different ones', async () => {
    await using server = await serve((req, res) => res.end(req.url));
    const url = `${server.url}/search?lang=en`;
    const [first, second, plain] = await Promise.all([
      request(url, { query: { q: 'one' } }).text(),
      request(url, { query: { q: 'two' } }).text(),
      request(url).text(),
    ]);
    expect([first, second, plain]).toEqual([
      '/search?lang=en&q=one',
      '/search?lang=en&q=two',
      '/search?lang=en',
    ]);
    expect(await request(url).text()).toBe('/search?lang=en');
  });

  it('tells apart base and URL pairs that spell the same string together', async () => {
    await using server = await serve((req, res) => res.end(req.url));
    // `${base}${url}` is `…/a/c` for both pairs; they resolve to different paths.
    expect(await request('/c', { baseUrl: `${server.url}/a` }).text()).toBe('/c');
    expect(await request('c', { baseUrl: `${server.url}/a/` }).text()).toBe('/a/c');
  });

  it('stays bounded and correct past the number of URLs it keeps', async () => {
    await using server = await serve((req, res) => res.end(req.url));
    const paths = Array.from({ length: 300 }, (_, i) => `/item/${i}`);
    const seen = await Promise.all(paths.map((path) => request(`${server.url}${path}`).text()));
    expect(seen).toEqual(paths);
    expect(await request(`${server.url}/item/0`).text()).toBe('/item/0');
  });

  it('does not follow a caller’s later change to a URL object it was given', async () => {
    await using server = await serve((req, res) => res.end(req.url));
    const target = new URL(`${server.url}/before`);
    expect(await request(target).text()).toBe('/before');
    target.pathname = '/after';
    expect(await request(target).text()).toBe('/after');
    expect(await request(`${server.url}/before`).text()).toBe('/before');
  });
});
