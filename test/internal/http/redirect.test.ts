import { describe, expect, it } from 'vitest';
import { credentialHeaderSet } from '../../../src/internal/http/headers.js';
import { nextHop } from '../../../src/internal/http/redirect.js';

const credentials = credentialHeaderSet(['x-custom-id']);
const headers = {
  authorization: 'Bearer a',
  cookie: 'c=1',
  'proxy-authorization': 'Basic p',
  'x-api-key': 'k',
  'x-custom-token': 't',
  'x-custom-id': 'i',
  'x-goog-api-key': 'g',
  'private-token': 'p',
  'x-amz-security-token': 's',
  'content-type': 'application/json',
  accept: 'application/json',
};
const from = (method: string) => ({ url: new URL('https://api.example/v1/a?q=1'), method, headers });

describe('nextHop', () => {
  it('keeps every header on a same-origin hop and resolves relative locations', () => {
    const hop = nextHop(307, '/v1/b', from('POST'), credentials);
    expect(hop?.url.href).toBe('https://api.example/v1/b');
    expect(hop?.method).toBe('POST');
    expect(hop?.headers).toEqual(headers);
    expect(hop?.stripped).toEqual([]);
    expect(hop?.dropBody).toBe(false);
  });

  it('strips every credential header when the origin changes (host, port or scheme)', () => {
    for (const target of ['https://cdn.example/x', 'https://api.example:8443/x', 'http://api.example/x']) {
      const hop = nextHop(302, target, from('GET'), credentials);
      expect([...(hop?.stripped ?? [])].sort()).toEqual(
        [
          'authorization',
          'cookie',
          'proxy-authorization',
          'x-api-key',
          'x-custom-token',
          'x-custom-id',
          'x-goog-api-key',
          'private-token',
          'x-amz-security-token',
        ].sort(),
      );
      expect(Object.keys(hop?.headers ?? {}).sort()).toEqual(['accept', 'content-type']);
    }
  });

  it('turns 303 and POST after 301/302 into a GET without body headers', () => {
    for (const status of [301, 302, 303]) {
      const hop = nextHop(status, '/b', from('POST'), credentials);
      expect(hop?.method).toBe('GET');
      expect(hop?.dropBody).toBe(true);
      expect(hop?.headers['content-type']).toBeUndefined();
    }
    expect(nextHop(303, '/b', from('HEAD'), credentials)?.method).toBe('HEAD');
    expect(nextHop(301, '/b', from('PUT'), credentials)?.method).toBe('PUT');
  });

  it('refuses missing or non-http locations and never forwards user-info', () => {
    expect(nextHop(302, undefined, from('GET'), credentials)).toBeUndefined();
    expect(nextHop(302, 'ftp://files.example/x', from('GET'), credentials)).toBeUndefined();
    expect(nextHop(302, 'https://u:p@api.example/x', from('GET'), credentials)?.url.href).toBe(
      'https://api.example/x',
    );
  });
});
