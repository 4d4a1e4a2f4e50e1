import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { request } from '../../src/http/index.js';
import { stream } from '../../src/sse/index.js';

/** A raw TCP peer that answers every request with `text`, then closes; counts connections. */
async function rawServer(
  text: string,
): Promise<{ url: string; connections: () => number } & AsyncDisposable> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.on('error', () => {});
    socket.once('data', () => {
      socket.write(text);
      setTimeout(() => socket.destroy(), 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    connections: () => connections,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const MALFORMED = {
  'a broken status line': 'HTTP/1.1 abc OK\r\n\r\n',
  'not HTTP at all': 'hello world\r\n\r\n',
  'a header line without a colon': 'HTTP/1.1 200 OK\r\nBad Header\r\nContent-Length: 2\r\n\r\nok',
  'a chunk size that is not hex':
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
  'a chunk longer than its size':
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n',
};

describe.each(['node', 'fetch', 'undici'] as const)('malformed HTTP on the %s engine', (engine) => {
  for (const [name, text] of Object.entries(MALFORMED)) {
    it(`${name}: HTTP_PROTOCOL_ERROR (protocol_framing_failed), never retried`, async () => {
      await using server = await rawServer(text);
      const outcome = await request(server.url, { engine, retry: { maxRetries: 3, initialDelayMs: 1 } })
        .result;
      expect(outcome.failure).toMatchObject({
        code: 'HTTP_PROTOCOL_ERROR',
        failure_class: 'protocol_framing_failed',
        retryable: false,
      });
      expect(server.connections()).toBe(1);
    });
  }
});

describe('malformed HTTP on an event stream', () => {
  it('a bad chunk mid-stream ends the stream as protocol_framing_failed, without reconnecting', async () => {
    await using server = await rawServer(
      'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n' +
        'd\r\ndata: hello\n\n\r\nzz\r\nxx\r\n',
    );
    const execution = stream(server.url, { reconnect: { maxAttempts: 5, initialDelayMs: 1 } });
    const outcome = await execution.result;
    expect(outcome.failure).toMatchObject({
      code: 'HTTP_PROTOCOL_ERROR',
      failure_class: 'protocol_framing_failed',
    });
    expect(server.connections()).toBe(1);
  });
});

describe('header values both engines would refuse at send time are INVALID_OPTIONS up front', () => {
  const refused = ['a\x01b', 'a\x7fb', 'a\rb', 'a\nb', 'a\0b', 'a\x1bb', 'smile 😀', 'Ā'];
  const accepted = ['a\tb', 'café', 'plain value', ''];
  it.each(['request', 'stream'] as const)('%s()', (entry) => {
    const start = (value: string) =>
      entry === 'request'
        ? request('http://127.0.0.1:9/', { headers: { 'x-note': value } })
        : stream('http://127.0.0.1:9/', { headers: { 'x-note': value } });
    for (const value of refused) {
      let error: unknown;
      try {
        start(value);
      } catch (e) {
        error = e;
      }
      expect(isExecutionError(error) && error.details.option, JSON.stringify(value)).toBe('headers.x-note');
    }
    for (const value of accepted) void start(value).cancel();
    expect(() => request('http://127.0.0.1:9/', { headers: { 'bad name': 'x' } })).toThrow(/headers/);
  });
});
