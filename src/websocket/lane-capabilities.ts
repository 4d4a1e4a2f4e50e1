import type { LaneCapabilities } from '../core/lane.js';

/** What the WebSocket lane declares, for `connect()` sessions and the node's {@link websocketLane} alike. */
export const websocketCapabilities: LaneCapabilities = {
  lane_id: 'websocket',
  protocols: ['websocket'],
  surfaces: ['ws', 'wss'],
  supports_execute: true,
  supports_stream: true,
  metadata: {},
};
