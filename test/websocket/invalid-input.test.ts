import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { type ConnectOptions, connect } from '../../src/websocket/index.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

// Issue #11 defect 11: control characters used to fail inside the socket, at run time.
describe('control characters are INVALID_OPTIONS before any I/O', () => {
  const secret = 'Bearer sk-live-0123456789';
  const cases: Array<[string, string, ConnectOptions]> = [
    ['CR/LF in a header value', 'headers', { headers: { authorization: `${secret}\r\nx-injected: 1` } }],
    ['NUL in a header value', 'headers', { headers: { 'x-trace': `a\u0000b` } }],
    ['DEL in a header value', 'headers', { headers: { 'x-trace': 'a\u007fb' } }],
    ['a character above U+00FF in a header value', 'headers', { headers: { 'x-trace': 'café ☕' } }],
    ['a space in a header name', 'headers', { headers: { 'x trace': 'v' } }],
    ['CR/LF in a header name', 'headers', { headers: { 'x-a\r\nx-b': 'v' } }],
    ['CR/LF in a subprotocol', 'subprotocols.0', { subprotocols: ['chat\r\nx-injected: 1'] }],
    ['a comma in a subprotocol', 'subprotocols.0', { subprotocols: ['a,b'] }],
  ];
  for (const [name, option, options] of cases) {
    it(name, () => {
      const before = server.upgrades.length;
      const error = thrown(() => connect(`${server.url}/echo`, options));
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(isExecutionError(error) && error.details).toMatchObject({ option });
      // Never the value: a header may carry a credential.
      expect(String((error as Error).message)).not.toContain('sk-live');
      expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('sk-live');
      expect(server.upgrades.length).toBe(before);
    });
  }

  for (const url of ['/a\r\nb', '/a\u0000b', '/a b', '/\t', '\u0001']) {
    it(`a control character or space in the URL (${JSON.stringify(url)})`, () => {
      const error = thrown(() => connect(`${server.url}${url}`));
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(isExecutionError(error) && error.details).toMatchObject({ option: 'url' });
    });
  }

  it('tabs and visible Latin-1 in header values stay allowed', async () => {
    const session = connect(`${server.url}/echo`, { headers: { 'x-note': 'a\tb ü' } });
    await session.ready();
    expect(server.upgrades.at(-1)?.['x-note']).toBe(Buffer.from('a\tb ü', 'latin1').toString('latin1'));
    await session.close();
  });
});

// The `connect()` funnel is hand-written (no zod in a `{ connect }` bundle): the same errors.
describe('INVALID_OPTIONS names the key, the value and the nearest known key', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, RegExp]> = [
    [
      'an unknown key',
      { pingIntervalMS: 1 },
      { option: 'pingIntervalMS', suggestion: 'pingIntervalMs' },
      /did you mean `pingIntervalMs`/,
    ],
    [
      'an execution key typo',
      { timeout: 5 },
      { option: 'timeout', suggestion: 'timeoutMs' },
      /did you mean `timeoutMs`/,
    ],
    [
      'an unknown reconnect key',
      { reconnect: { maxAttempt: 2 } },
      { option: 'reconnect.maxAttempt', suggestion: 'maxAttempts' },
      /did you mean `maxAttempts`/,
    ],
    [
      'a duration out of range',
      { closeTimeoutMs: 0 },
      { option: 'closeTimeoutMs', received: '0 (number)' },
      /expected an integer from 1 to 2147483647, got 0 \(number\)/,
    ],
    [
      'a wrong enum value',
      { binaryEncoding: 'hex' },
      { option: 'binaryEncoding', received: '"hex" (string)' },
      /one of "bytes", "base64"/,
    ],
    [
      'a close code out of range',
      { normalCloseCodes: [1000, 999] },
      { option: 'normalCloseCodes.1' },
      /1000 to 4999/,
    ],
    [
      'a reconnect factor out of range',
      { reconnect: { factor: 11 } },
      { option: 'reconnect.factor' },
      /from 1 to 10/,
    ],
    [
      'a deflate threshold of the wrong type',
      { perMessageDeflate: { threshold: '1' } },
      { option: 'perMessageDeflate.threshold' },
      /integer/,
    ],
    [
      'a short secret (withheld)',
      { secrets: ['abc'] },
      { option: 'secrets.0', received: '[redacted] (string)' },
      /length >= 4/,
    ],
    [
      'options that are not an object',
      'fast' as unknown as Record<string, unknown>,
      { option: '(root)' },
      /expected object/,
    ],
  ];
  for (const [name, options, details, message] of cases) {
    it(name, () => {
      const before = server.upgrades.length;
      const error = thrown(() => connect(`${server.url}/echo`, options as ConnectOptions));
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(isExecutionError(error) && error.details).toMatchObject(details);
      expect(String((error as Error).message)).toMatch(message);
      expect(String((error as Error).message)).toContain('for connect()');
      expect(server.upgrades.length).toBe(before);
    });
  }

  it('defaults apply to absent and undefined options alike', async () => {
    const session = connect(`${server.url}/echo`, { pingIntervalMs: undefined, reconnect: undefined });
    await session.ready();
    expect(server.upgrades.length).toBeGreaterThan(0);
    await session.close();
  });
});
