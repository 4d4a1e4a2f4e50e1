import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

const TEXT = 'brotli-compressed body '.repeat(2_000);

// Compresses with brotli only when the request asked for it, as a real server does.
function brotliServer() {
  return serve((req, res) => {
    if (!/\bbr\b/.test(String(req.headers['accept-encoding']))) return res.end(TEXT);
    res.writeHead(200, { 'content-encoding': 'br' });
    res.end(brotliCompressSync(TEXT));
  });
}

describe.each(['node', 'fetch', 'undici'] as const)('brotli on the %s engine', (engine) => {
  it('asks for br and decodes it, buffered and streamed', async () => {
    await using server = await brotliServer();
    const buffered = await request(server.url, { engine }).output();
    expect(server.seen[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(buffered.headers['content-encoding']).toBe('br');
    expect(buffered.body).toBe(TEXT);
    expect(await request(server.url, { engine, responseType: 'stream' }).text()).toBe(TEXT);
  });

  it("keeps the caller's accept-encoding", async () => {
    await using server = await brotliServer();
    const output = await request(server.url, { engine, headers: { 'accept-encoding': 'identity' } }).output();
    expect(server.seen[0]?.headers['accept-encoding']).toBe('identity');
    expect(output.headers['content-encoding']).toBeUndefined();
    expect(output.body).toBe(TEXT);
  });
});
