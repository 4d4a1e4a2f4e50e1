import { describe, expect, it } from 'vitest';
import { createNode, serveNode, sharedTokenAuthenticator } from '../../src/node/index.js';
import { processLane } from '../../src/process/index.js';

const direct = (command: string, args: string[]) => ({
  lane_id: 'process',
  payload: { command, args },
  provenance: { kind: 'direct_lower_lane_owner' as const },
});

describe('service hooks of the node (used by `execution-plane node serve`)', () => {
  it('closeGraceMs: close() refuses new work at once and lets in-flight work finish', async () => {
    const node = createNode({ closeGraceMs: 5_000 });
    node.registerLane(processLane);
    const running = node.execute(direct('sh', ['-c', 'sleep 0.3; echo done']));
    await new Promise((r) => setTimeout(r, 100));
    const closing = node.close();
    expect((await node.execute(direct('echo', ['late']))).error).toMatchObject({ reason: 'node_closed' });
    expect(await running).toMatchObject({ status: 'succeeded', output: { stdout: 'done\n' } });
    await closing;
  });

  it('closeGraceMs: past the grace what still runs is cancelled; the default cancels at once', async () => {
    for (const closeGraceMs of [200, undefined]) {
      const node = createNode(closeGraceMs === undefined ? {} : { closeGraceMs });
      node.registerLane(processLane);
      const running = node.execute(direct('sleep', ['10']));
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await node.close();
      expect((await running).status).toBe('cancelled');
      expect(Date.now() - started).toBeLessThan(closeGraceMs === undefined ? 2_000 : 2_200);
    }
  });

  it('onRequest answers plain HTTP on the same port; without it, 426', async () => {
    await using node = createNode();
    const authenticate = sharedTokenAuthenticator('hook-token');
    await using answered = await serveNode(node, {
      authenticate,
      onRequest: (_request, response) => response.writeHead(200).end('hi'),
    });
    const response = await fetch(`http://127.0.0.1:${answered.port}/anything`);
    expect([response.status, await response.text()]).toEqual([200, 'hi']);
    await using plain = await serveNode(node, { authenticate });
    expect((await fetch(`http://127.0.0.1:${plain.port}/`)).status).toBe(426);
  });

  it('rejects a bad tls option before listening', async () => {
    await using node = createNode();
    await expect(
      // @ts-expect-error `crt` is not a field of `tls`
      serveNode(node, { authenticate: () => true, tls: { crt: 'x', key: 'y' } }),
    ).rejects.toThrow(/INVALID_OPTIONS|Invalid option/);
  });
});
