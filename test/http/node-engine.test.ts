import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../src/http/abort-link.js';
import { createNodeEngine } from '../../src/http/node-engine.js';
import { serve } from '../fixtures/http/serve.js';

const progress = { touch: () => {}, tooLarge: () => new Error('too large') };

describe('Node engine', () => {
  it('reads nothing and fails when an abort dumped the body before it was read', async () => {
    await using server = await serve((_req, res) => res.end('whole body'));
    const abort = new AttemptAbort();
    const response = await createNodeEngine().send({
      url: new URL(server.url),
      method: 'GET',
      headers: {},
      body: undefined,
      abort,
    });
    abort.abort(new Error('cancelled meanwhile'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = response.readBody(1_000, progress);
    await expect(
      Promise.race([read, new Promise((resolve) => setTimeout(() => resolve('hung'), 1_000))]),
    ).rejects.toThrow();
  });

  it('reads a complete body that waited, unread, for the consumer', async () => {
    await using server = await serve((_req, res) => res.end('whole body'));
    const response = await createNodeEngine().send({
      url: new URL(server.url),
      method: 'GET',
      headers: {},
      body: undefined,
      abort: new AttemptAbort(),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const bytes = await response.readBody(1_000, progress);
    expect(new TextDecoder().decode(bytes)).toBe('whole body');
  });
});
