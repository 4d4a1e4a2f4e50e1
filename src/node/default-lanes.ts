import type { AnyLane } from '../core/contracts/boundary/boundary-interfaces.js';
import { invalidOptions } from '../core/errors.js';
import type { RuntimeNode } from './runtime-node.js';

/** The ids of the lanes {@link registerDefaultLanes} knows, in registration order. */
export const DEFAULT_LANE_IDS = ['process', 'http', 'sse', 'websocket', 'jsonrpc'] as const;

type DefaultLaneId = (typeof DEFAULT_LANE_IDS)[number];

// Dynamic imports: importing `execution-plane/node` never loads a lane (or execa, ws …) by itself.
// Each lane module is read by name only: `processLane`, `httpLane`, `sseLane`, `websocketLane`,
// and the JSON-RPC lane (`jsonRpcLane`, else built by `createJsonRpcLane()` with no ports).
const loaders: Record<DefaultLaneId, () => Promise<AnyLane>> = {
  process: async () => (await import('../process/index.js')).processLane,
  http: async () => (await import('../http/index.js')).httpLane,
  sse: async () => (await import('../sse/index.js')).sseLane,
  websocket: async () => (await import('../websocket/index.js')).websocketLane,
  jsonrpc: async () => {
    const module: Record<string, unknown> = await import('../jsonrpc/index.js');
    const factory = module.createJsonRpcLane;
    return (module.jsonRpcLane ?? (typeof factory === 'function' ? factory() : undefined)) as AnyLane;
  },
};

/**
 * Registers the real lanes on a node in one call — `processLane`, `httpLane`, `sseLane`,
 * `websocketLane` and the JSON-RPC lane, in that order, or the `lanes` given — and resolves with
 * the ids registered. The lanes are loaded here, on demand, so a node that registers its own
 * lanes never pays for these. An unknown id throws `INVALID_OPTIONS` before anything loads.
 *
 * @example
 * await registerDefaultLanes(node); // ['process', 'http', 'sse', 'websocket', 'jsonrpc']
 * await registerDefaultLanes(node, ['http', 'sse']);
 */
export async function registerDefaultLanes(
  node: Pick<RuntimeNode, 'registerLane'>,
  lanes?: ReadonlyArray<'process' | 'http' | 'sse' | 'websocket' | 'jsonrpc'>,
): Promise<Array<'process' | 'http' | 'sse' | 'websocket' | 'jsonrpc'>> {
  const wanted = lanes ?? DEFAULT_LANE_IDS;
  for (const id of wanted) {
    if (!DEFAULT_LANE_IDS.includes(id)) {
      throw invalidOptions(
        'lanes',
        `ids among ${DEFAULT_LANE_IDS.join(', ')}`,
        JSON.stringify(id),
        'registerDefaultLanes()',
      );
    }
  }
  const loaded = await Promise.all(wanted.map((id) => loaders[id]()));
  for (const lane of loaded) node.registerLane(lane);
  return [...wanted];
}
