import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { type RequestOptions, request } from '../../src/http/index.js';

// `{ url, ...options }` in one object, split into request(url, options).
function invalid(input: unknown): { option: unknown; message: string; suggestion?: unknown } {
  const { url, ...options } = input as { url: string };
  try {
    request(url, options as RequestOptions);
  } catch (error) {
    if (isExecutionError(error) && error.code === 'INVALID_OPTIONS') {
      return { option: error.details.option, message: error.message, suggestion: error.details.suggestion };
    }
    throw error;
  }
  throw new Error('expected INVALID_OPTIONS');
}

describe('request() options, checked before any I/O', () => {
  it('names the option and the value', () => {
    expect(invalid({ url: 'http://127.0.0.1/', retry: { maxRetries: -1 } })).toMatchObject({
      option: 'retry.maxRetries',
      message: expect.stringMatching(/request\(\).*-1 \(number\)/),
    });
    expect(invalid({ url: 'http://127.0.0.1/', timeouts: { idleMs: 1.5 } }).option).toBe('timeouts.idleMs');
    expect(invalid({ url: 'http://127.0.0.1/', maxResponseBytes: '1' }).option).toBe('maxResponseBytes');
    expect(invalid({ url: 'http://127.0.0.1/', surprise: true }).option).toBe('surprise');
    expect(invalid({ url: 'http://127.0.0.1/', responseType: 'xml' }).option).toBe('responseType');
  });

  it('names an unknown key and suggests the nearest known one, execution options included', () => {
    const url = 'http://127.0.0.1/';
    expect(invalid({ url, header: {} })).toMatchObject({ option: 'header', suggestion: 'headers' });
    expect(invalid({ url, retries: 2 }).option).toBe('retries');
    expect(invalid({ url, redirects: false })).toMatchObject({ option: 'redirects', suggestion: 'redirect' });
    expect(invalid({ url, timoutMs: 5 })).toMatchObject({ option: 'timoutMs', suggestion: 'timeoutMs' });
    expect(invalid({ url, timeouts: { total: 5 } })).toMatchObject({ option: 'timeouts.total' });
    expect(invalid({ url, timeoutMs: -1 }).option).toBe('timeoutMs');
    expect(() => request(url, 'fast' as unknown as RequestOptions)).toThrow(/options/);
  });

  it('gives the schema the last word on every simple-looking call it does not accept', () => {
    expect(invalid({ url: 42 }).option).toBe('url');
    expect(invalid({ url: 'http://127.0.0.1/', method: 5 }).option).toBe('method');
    expect(invalid({ url: 'http://127.0.0.1/', signal: {} }).option).toBe('signal');
    expect(invalid({ url: 'http://127.0.0.1/', engine: 'curl' }).option).toBe('engine');
    expect(invalid({ url: 'http://127.0.0.1/', headers: 'x' }).option).toBe('headers');
  });

  it('refuses bad URLs, methods, bodies and headers', () => {
    expect(invalid({ url: 'not a url' }).option).toBe('url');
    expect(invalid({ url: 'ftp://127.0.0.1/x' }).option).toBe('url');
    expect(invalid({ url: 'http://user:pw@127.0.0.1/' }).option).toBe('url');
    expect(invalid({ url: 'http://127.0.0.1/', method: 'BREW' })).toMatchObject({
      option: 'method',
      message: expect.stringContaining('"BREW"'),
    });
    expect(invalid({ url: 'http://127.0.0.1/', method: 'CONNECT' }).option).toBe('method');
    expect(invalid({ url: 'http://127.0.0.1/', body: 'x' }).option).toBe('body');
    expect(invalid({ url: 'http://127.0.0.1/', method: 'POST', body: new Map() }).option).toBe('body');
    expect(invalid({ url: 'http://127.0.0.1/', headers: { 'bad name': 'x' } }).option).toBe('headers');
    expect(invalid({ url: 'http://127.0.0.1/', headers: { 'x-a': 'a\r\nb' } }).option).toBe('headers.x-a');
  });

  it('withholds a malformed secrets option from the message, listed or not', () => {
    const bare = invalid({ url: 'http://127.0.0.1/', secrets: 'hunter2-live' });
    expect(bare).toMatchObject({ option: 'secrets' });
    expect(bare.message).not.toContain('hunter2');
    const short = invalid({ url: 'http://127.0.0.1/', secrets: ['long-enough', 'pw1'] });
    expect(short).toMatchObject({ option: 'secrets.1' });
    expect(short.message).toContain('[redacted]');
    expect(short.message).not.toContain('pw1');
  });

  it('withholds credential header values from the message', () => {
    const { message } = invalid({ url: 'http://127.0.0.1/', headers: { Authorization: 'Bearer sk-live\n' } });
    expect(message).not.toContain('sk-live');
    expect(message).toContain('[redacted]');
    const custom = invalid({
      url: 'http://127.0.0.1/',
      headers: { 'X-Vendor-Key': 'vk-secret\n' },
      credentialHeaders: ['X-Vendor-Key'],
    });
    expect(custom.message).not.toContain('vk-secret');
  });

  it('accepts every documented body and header shape', () => {
    const url = 'http://127.0.0.1:9/';
    const bodies = [
      'text',
      new Uint8Array([1]),
      new ArrayBuffer(2),
      new URLSearchParams('a=1'),
      new FormData(),
      new Blob(['x']),
      new ReadableStream(),
      (async function* () {})(),
      { a: 1 },
      [1, 2],
      42,
      true,
    ];
    for (const body of bodies) {
      expect(() => void request(url, { method: 'POST', body, retry: false }).cancel()).not.toThrow();
    }
    for (const headers of [{ A: '1' }, [['a', '1']] as [string, string][], new Headers({ a: '1' })]) {
      expect(() => void request(url, { headers }).cancel()).not.toThrow();
    }
  });
});
