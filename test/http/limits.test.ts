import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

describe.each(['node', 'fetch', 'undici'] as const)('response size limits on the %s engine', (engine) => {
  it('fails a 2 GiB Content-Length before reading the body, and drops the connection', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 ** 3) });
      res.write(Buffer.alloc(16 * 1024));
      res.on('close', closed);
    });
    const started = performance.now();
    const outcome = await request(server.url, { engine }).result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      details: { limit: 'maxResponseBytes', limit_bytes: 64 * 1024 ** 2, content_length: 2 * 1024 ** 3 },
    });
    expect(outcome.failure?.reason).toContain('maxResponseBytes');
    expect(outcome.metrics).not.toHaveProperty('bytes_read');
    await connectionClosed;
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('counts a body without Content-Length as it streams and stops at the limit', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 1);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    });
    const outcome = await request(server.url, { engine, maxResponseBytes: 100_000 }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'maxResponseBytes', limit_bytes: 100_000 },
    });
    expect(outcome.failure?.details).not.toHaveProperty('content_length');
  });

  it('limits decoded bytes, so a small gzip body that inflates past the limit fails', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    expect(bomb.length).toBeLessThan(100_000);
    const outcome = await request(server.url, { engine, maxResponseBytes: 1_000_000 }).result;
    expect(outcome.failure).toMatchObject({ details: { limit: 'maxResponseBytes' } });
  });

  it('a body exactly at the limit is read whole', async () => {
    await using server = await serve((_req, res) => res.end('x'.repeat(1_000)));
    const output = await request(server.url, { engine, maxResponseBytes: 1_000 }).output();
    expect(output.body).toHaveLength(1_000);
  });

  it('a reset mid-body fails as transport_failed when not retried', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100));
      setTimeout(() => res.socket?.resetAndDestroy(), 20);
    });
    const outcome = await request(server.url, { engine, retry: false }).result;
    expect(outcome.failure).toMatchObject({ failure_class: 'transport_failed' });
  });

  it('a reset while a slow consumer holds the lane is reported as a failure, never thrown', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(10));
      setTimeout(() => res.socket?.resetAndDestroy(), 30);
    });
    const execution = request(server.url, { engine, retry: false, eventQueueCapacity: 1 });
    const iterator = execution[Symbol.asyncIterator]();
    // started, then http.request: the lane now waits to emit http.response, body unread
    expect((await iterator.next()).value?.event_type).toBe('execution.started');
    expect((await iterator.next()).value?.event_type).toBe('http.request');
    await new Promise((resolve) => setTimeout(resolve, 150));
    while (!(await iterator.next()).done) {
      // drain
    }
    expect((await execution.result).failure).toMatchObject({ failure_class: 'transport_failed' });
  });
});
