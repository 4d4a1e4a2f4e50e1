import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../src/http/abort-link.js';
import { request } from '../../src/http/index.js';
import { createUndiciEngine, type UndiciDispatcher } from '../../src/http/undici-engine.js';
import { serve } from '../fixtures/http/serve.js';

/** Polls `check` every 10 ms for at most `ms` (bounded: a test never waits forever). */
async function until(check: () => boolean, ms = 2_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

// The undici engine drives undici's dispatcher with a handler object of its own (no undici
// `request()`): these are the paths that handler adds over the shared engine tests.
describe('the undici engine (dispatch with a handler)', () => {
  it('skips 1xx informational responses and answers with the final one', async () => {
    await using server = await serve((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' }, () => {
        res.writeHead(201, { 'x-final': 'yes' });
        res.end('made');
      });
    });
    const output = await request(`${server.url}/`, { engine: 'undici' }).output();
    expect(output).toMatchObject({ status: 201, body: 'made' });
    expect(output.headers['x-final']).toBe('yes');
    expect(output.headers.link).toBeUndefined();
  });

  it('lower-cases header names, known or not, and joins repeated ones', async () => {
    await using server = await serve((_req, res) => {
      res.setHeader('Content-Type', 'text/plain');
      res.setHeader('Vary', ['Accept', 'Origin']);
      res.setHeader('X-Custom-Thing', ['a', 'b']);
      res.setHeader('ETAG', '"v1"');
      res.end('ok');
    });
    const { headers } = await request(`${server.url}/`, { engine: 'undici' }).output();
    expect(headers).toMatchObject({
      'content-type': 'text/plain',
      vary: 'Accept, Origin',
      'x-custom-thing': 'a, b',
      etag: '"v1"',
      'content-length': '2',
    });
  });

  it("lower-cases header names without undici's name table (an undici with no util)", async () => {
    await using server = await serve((_req, res) => {
      res.setHeader('Content-Type', 'text/plain');
      res.setHeader('X-Custom-Thing', ['a', 'b']);
      res.end('ok');
    });
    const engine = createUndiciEngine(getGlobalDispatcher as () => UndiciDispatcher);
    const response = await engine.send({
      url: new URL(`${server.url}/`),
      method: 'GET',
      headers: {},
      body: undefined,
      abort: new AttemptAbort(),
    });
    expect(response.headers).toMatchObject({ 'content-type': 'text/plain', 'x-custom-thing': 'a, b' });
    const body = await response.readBody(1024, { touch: () => {}, tooLarge: () => new Error('too large') });
    expect(Buffer.from(body).toString()).toBe('ok');
  });

  it('hands over a body already whole as it is, and one still arriving through a promise', async () => {
    let finish: (() => void) | undefined;
    await using server = await serve((req, res) => {
      if (req.url === '/whole') return res.end('all here');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first ');
      finish = () => res.end('last');
    });
    const engine = createUndiciEngine(getGlobalDispatcher as () => UndiciDispatcher);
    const send = (path: string) =>
      engine.send({
        url: new URL(`${server.url}${path}`),
        method: 'GET',
        headers: {},
        body: undefined,
        abort: new AttemptAbort(),
      });
    let touched = 0;
    const progress = { touch: () => void touched++, tooLarge: () => new Error('too large') };
    const whole = await send('/whole');
    // The 8 bytes came with the headers or right after: wait (bounded) for undici to end them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = whole.readBody(1024, progress);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(read as Uint8Array).toString()).toBe('all here');
    expect(touched).toBe(1);
    // Past the limit, a whole body is refused all the same.
    const big = await send('/whole');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(Promise.resolve().then(() => big.readBody(4, progress))).rejects.toThrow('too large');

    const arriving = await send('/slow');
    const pending = arriving.readBody(1024, progress);
    expect(pending).toBeInstanceOf(Promise);
    expect(await until(() => finish !== undefined)).toBe(true);
    finish?.();
    expect(Buffer.from(await pending).toString()).toBe('first last');
  });

  it('sends each request to its own origin and path when URLs alternate (the last-URL cache)', async () => {
    await using one = await serve((req, res) => res.end(`one ${req.url}`));
    await using two = await serve((req, res) => res.end(`two ${req.url}`));
    const urls = [`${one.url}/a?x=1`, `${two.url}/b`, `${one.url}/a?x=1`, `${one.url}/c`, `${two.url}/b`];
    const bodies: string[] = [];
    for (const url of urls) bodies.push((await request(url, { engine: 'undici' }).output()).body);
    expect(bodies).toEqual(['one /a?x=1', 'two /b', 'one /a?x=1', 'one /c', 'two /b']);
  });

  it('answers an empty body as empty text and zero bytes (204, HEAD, content-length 0)', async () => {
    await using server = await serve((req, res) => {
      if (req.url === '/none') return res.writeHead(204).end();
      res.writeHead(200, { 'content-length': '0' }).end();
    });
    const none = await request(`${server.url}/none`, { engine: 'undici' }).output();
    expect(none).toMatchObject({ status: 204, body: '' });
    const zero = await request(`${server.url}/zero`, { engine: 'undici', responseType: 'bytes' }).output();
    expect(zero.body).toBeInstanceOf(Uint8Array);
    expect(zero.body.byteLength).toBe(0);
    const head = await request(`${server.url}/zero`, { engine: 'undici', method: 'HEAD' }).output();
    expect(head).toMatchObject({ status: 200, body: '' });
  });

  it('reads a body far larger than what it holds before the body is asked for', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'x');
    await using server = await serve((_req, res) => res.end(big));
    const output = await request(`${server.url}/`, { engine: 'undici', responseType: 'bytes' }).output();
    expect(Buffer.from(output.body).equals(big)).toBe(true);
  });

  it('closes the connection of a redirect whose body is past the drain limit, and follows it', async () => {
    const large = Buffer.alloc(256 * 1024, 'z');
    await using server = await serve((req, res) => {
      if (req.url === '/large') return res.writeHead(302, { location: '/end' }).end(large);
      res.end('landed');
    });
    const output = await request(`${server.url}/large`, { engine: 'undici' }).output();
    expect(output).toMatchObject({ status: 200, body: 'landed' });
    // The 302's connection is not kept busy reading 256 KiB nobody wants: only /end's stays open.
    expect(await until(() => server.openSockets() <= 1)).toBe(true);
  });

  it('cancelled while the body is on the wire: the outcome is cancelled and the socket closes', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const execution = request(`${server.url}/`, { engine: 'undici' });
    for await (const event of execution) {
      if (event.event_type === 'http.response') await execution.cancel('enough');
    }
    const outcome = await execution.result;
    expect(outcome.status).toBe('cancelled');
    expect(await until(() => server.openSockets() === 0)).toBe(true);
  });

  it("sends through undici's global dispatcher as it is at each request", async () => {
    await using server = await serve((req, res) => res.end(String(req.headers['x-via'] ?? 'none')));
    const previous = getGlobalDispatcher();
    const agent = new Agent();
    const tagging: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) =>
      dispatch({ ...options, headers: { ...(options.headers as object), 'x-via': 'interceptor' } }, handler);
    setGlobalDispatcher(agent.compose(tagging));
    try {
      const output = await request(`${server.url}/`, { engine: 'undici' }).output();
      expect(output.body).toBe('interceptor');
    } finally {
      setGlobalDispatcher(previous);
      await agent.close();
    }
    const output = await request(`${server.url}/`, { engine: 'undici' }).output();
    expect(output.body).toBe('none');
  });
});
