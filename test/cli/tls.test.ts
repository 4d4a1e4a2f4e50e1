import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSelfSigned } from '../fixtures/tls/self-signed.js';
import { ensureBuilt, runCli } from './helpers.js';
import { processRequest, startServe, TOKEN, writeServeFixture } from './serve-helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

describe('execution-plane node serve over TLS', () => {
  it('serves wss:// and https endpoints with the configured self-signed certificate', async () => {
    const fixture = writeServeFixture({ tls: { certFile: 'cert.pem', keyFile: 'key.pem' } });
    writeSelfSigned(fixture.dir);
    const served = await startServe(fixture.config);
    try {
      expect(served.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/$/);
      const ca = readFileSync(join(fixture.dir, 'cert.pem'));
      const health = await new Promise<string>((resolve, reject) => {
        get(`https://127.0.0.1:${served.port}/healthz`, { ca }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(health).toBe('ok\n');
      // The client trusts the certificate through NODE_EXTRA_CA_CERTS …
      const request = JSON.stringify(processRequest('echo', ['over tls']));
      const trusted = await runCli(
        ['node', 'call', served.url, 'execute', '--request', request, '--token', TOKEN],
        {
          env: { NODE_EXTRA_CA_CERTS: join(fixture.dir, 'cert.pem') },
        },
      );
      expect(trusted.code).toBe(0);
      expect(trusted.stdout).toMatch(/succeeded[\s\S]*over tls/);
      // … and without it the handshake fails: the certificate really is checked.
      const untrusted = await runCli(['node', 'call', served.url, 'describe', '--token', TOKEN]);
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr).toMatch(/certificate|CONNECT_FAILED/i);
    } finally {
      served.child.kill('SIGTERM');
      expect((await served.done()).code).toBe(0);
    }
  });
});
