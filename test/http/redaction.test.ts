import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { collect } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';

const SECRETS = [
  'tok-SECRET-1',
  'cookie-SECRET-2',
  'proxy-SECRET-3',
  'key-SECRET-4',
  'vendor-SECRET-5',
  'set-SECRET-6',
];

describe.each(['node', 'fetch', 'undici'] as const)('credential redaction on the %s engine', (engine) => {
  it('no credential value appears in events, outputs or failures — across retries, redirects and errors', async () => {
    await using target = await serve((_req, res) => {
      res.writeHead(200, { 'set-cookie': `sid=${SECRETS[5]}`, 'x-vendor-token': SECRETS[4] as string });
      res.end('ok');
    });
    let n = 0;
    await using origin = await serve((_req, res) => {
      if (n++ === 0) {
        res.writeHead(503);
        return res.end();
      }
      res.writeHead(302, { location: target.url });
      res.end();
    });
    const headers = {
      Authorization: `Bearer ${SECRETS[0]}`,
      Cookie: SECRETS[1] as string,
      'Proxy-Authorization': SECRETS[2] as string,
      'X-Api-Key': SECRETS[3] as string,
      'X-Vendor-Token': SECRETS[4] as string,
    };
    const options = { engine, headers, credentialHeaders: ['x-vendor-token'], retry: { initialDelayMs: 1 } };
    const execution = request(origin.url, { ...options });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(outcome.status).toBe('succeeded');
    expect(target.seen[0]?.headers.authorization).toBeUndefined();
    expect(origin.seen[0]?.headers.authorization).toBe(`Bearer ${SECRETS[0]}`);

    const failed = request(target.url, { ...options, timeouts: { totalMs: 1 } });
    const failedEvents = await collect(failed);
    const error = await failed.output().catch((e: unknown) => e);

    const everything = JSON.stringify([events, outcome, failedEvents, await failed.result, String(error)]);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(everything).toContain('[redacted]');
    const response = events.find(
      (e) => e.event_type === 'http.response' && (e.payload as { status: number }).status === 200,
    );
    expect(response?.payload).toBeDefined();
    expect((response!.payload as { headers: Record<string, string> }).headers).toMatchObject({
      'set-cookie': '[redacted]',
      'x-vendor-token': '[redacted]',
    });
  });
});

describe('credential-looking header names (the shared policy), not a fixed list', () => {
  const names = ['x-auth-token', 'api-key', 'x-goog-api-key', 'private-token', 'x-amz-security-token'];

  it('never echo their values in INVALID_OPTIONS, from request() or stream()', async () => {
    const { stream } = await import('../../src/sse/index.js');
    for (const name of names) {
      const value = `v-${name}-SECRET\n`;
      for (const start of [
        () => request('http://127.0.0.1/', { headers: { [name]: value } }),
        () => stream('http://127.0.0.1/', { headers: { [name]: value } }),
      ]) {
        expect(start).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
        try {
          start();
        } catch (error) {
          expect(JSON.stringify([String(error), (error as { details: unknown }).details])).not.toContain(
            'SECRET',
          );
        }
      }
    }
  });

  it('are redacted in events and outputs without being listed', async () => {
    await using server = await serve((req, res) => {
      res.writeHead(200, { 'x-goog-api-key': 'resp-SECRET-value' });
      res.end(JSON.stringify(req.headers));
    });
    const headers = Object.fromEntries(names.map((name) => [name, `${name}-SECRET-value`]));
    const execution = request(server.url, { headers });
    const everything = JSON.stringify([await collect(execution), await execution.result]);
    expect(server.seen[0]?.headers['x-goog-api-key']).toBe('x-goog-api-key-SECRET-value');
    expect(everything).not.toContain('SECRET');
  });
});
