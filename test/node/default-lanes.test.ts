import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNode, registerDefaultLanes } from '../../src/node/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/node/${name}`, import.meta.url));
const createNodeForLanes = () => createNode({ nodeId: 'lanes' });

describe('registerDefaultLanes', () => {
  it('registers the five real lanes in one call, in order', async () => {
    const node = createNodeForLanes();
    expect(await registerDefaultLanes(node)).toEqual(['process', 'http', 'sse', 'websocket', 'jsonrpc']);
    const lanes = (await node.describe()).registered_lanes as Array<{
      lane_id: string;
      supports_stream: boolean;
    }>;
    expect(lanes.map((l) => l.lane_id)).toEqual(['process', 'http', 'sse', 'websocket', 'jsonrpc']);
    expect(lanes.find((l) => l.lane_id === 'http')?.supports_stream).toBe(false);
    // And they run: a direct process execution through the registered lane.
    const result = await node.execute({
      lane_id: 'process',
      payload: { command: process.execPath, args: [fixture('greet.mjs'), 'lanes'] },
      provenance: { kind: 'direct_lower_lane_owner', owner: 'test' },
    });
    expect(result.output).toMatchObject({ stdout: 'hello lanes\n' });
  });

  it('registers a subset, and refuses an unknown lane id', async () => {
    const node = createNodeForLanes();
    expect(await registerDefaultLanes(node, ['sse', 'http'])).toEqual(['sse', 'http']);
    expect((await node.describe()).registered_lanes).toHaveLength(2);
    await expect(registerDefaultLanes(node, ['ftp' as never])).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
  });
});
