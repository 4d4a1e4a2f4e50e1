import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { createJsonRpcConnection, createStreamChannel } from '../../src/jsonrpc/index.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A raw TCP peer that answers every request with the header block `headers(body)` and the body. */
async function rawPeer(headers: (body: string) => string): Promise<number> {
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      for (;;) {
        const match = /^Content-Length: (\d+)\r\n\r\n/.exec(buffered);
        if (!match) return;
        const start = match[0].length;
        const end = start + Number(match[1]);
        if (buffered.length < end) return;
        const request = JSON.parse(buffered.slice(start, end)) as { id: number };
        buffered = buffered.slice(end);
        const body = JSON.stringify({ jsonrpc: '2.0', id: request.id, result: 'ok' });
        socket.write(`${headers(body)}\r\n\r\n${body}`);
      }
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function open(port: number) {
  const socket = tcpConnect(port, '127.0.0.1');
  sockets.add(socket);
  await new Promise((resolve) => socket.once('connect', resolve));
  return createJsonRpcConnection(createStreamChannel(socket, socket, { framing: 'content-length' }));
}

// Issue #11 defect 9: "last wins" made the body end elsewhere; the request hung until its timeout.
describe('duplicate Content-Length headers from a real TCP peer', () => {
  it('conflicting lengths close the connection at once with FRAMING_ERROR', async () => {
    const port = await rawPeer((body) => `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Length: 5`);
    const rpc = await open(port);
    const started = performance.now();
    const error = await rpc.request('ping', [], { timeoutMs: 3_000 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(isExecutionError(error)).toBe(true);
    const outcome = await rpc.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'FRAMING_ERROR',
    });
    expect(outcome.failure?.reason).toMatch(/conflicting Content-Length/);
  });

  it('an identical duplicate is accepted and the stream stays in sync', async () => {
    const port = await rawPeer((body) => {
      const length = Buffer.byteLength(body);
      return `Content-Length: ${length}\r\ncontent-length: ${length}`;
    });
    const rpc = await open(port);
    expect(await rpc.request('a', [])).toBe('ok');
    expect(await rpc.request('b', [])).toBe('ok');
    expect((await rpc.close()).status).toBe('succeeded');
  });
});
