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

describe.each(['node', 'fetch'] as const)('credential redaction on the %s engine', (engine) => {
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
