import { type AnyLane, invalidOptions } from '../core/index.js';
import type { RuntimeNode } from './runtime-node.js';

/** The ids of the lanes {@link registerDefaultLanes} knows, in registration order. */
export const DEFAULT_LANE_IDS = ['process', 'http', 'sse', 'websocket', 'jsonrpc'] as const;

/** A lane {@link registerDefaultLanes} can register. */
export type DefaultLaneId = (typeof DEFAULT_LANE_IDS)[number];

// Dynamic imports: importing `execution-plane/node` never loads a lane (or execa, ws …) by itself.
const loaders: Record<DefaultLaneId, () => Promise<AnyLane>> = {
  process: async () => (await import('../process/index.js')).processLane,
  http: async () => (await import('../http/index.js')).httpLane,
  sse: async () => (await import('../sse/index.js')).sseLane,
  websocket: async () => (await import('../websocket/index.js')).websocketLane,
  jsonrpc: async () => (await import('../jsonrpc/index.js')).jsonRpcLane,
};

/**
 * Registers the real lanes on a node in one call — `processLane`, `httpLane`, `sseLane`,
 * `websocketLane`, `jsonRpcLane`, in that order — and resolves with the ids registered. The lanes
 * are loaded here, on demand, so a node that registers its own lanes never pays for these.
 *
 * @example
 * await registerDefaultLanes(node); // ['process', 'http', 'sse', 'websocket', 'jsonrpc']
 * await registerDefaultLanes(node, { lanes: ['http', 'sse'] });
 */
export async function registerDefaultLanes(
  node: Pick<RuntimeNode, 'registerLane'>,
  options: { readonly lanes?: readonly DefaultLaneId[] } = {},
): Promise<DefaultLaneId[]> {
  const wanted = options.lanes ?? DEFAULT_LANE_IDS;
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
  const lanes = await Promise.all(wanted.map((id) => loaders[id]()));
  for (const lane of lanes) node.registerLane(lane);
  return [...wanted];
}
