import { LanePort } from '../internal/lane-port.js';
import type {
  ConnectionHandlers,
  ConnectionRuntime,
  JsonRpcNotificationHandler,
} from './connection-runtime.js';
import type { JsonRpcRequestHandler } from './inbound.js';

/**
 * The {@link LanePort} of a {@link JsonRpcConnection}: handlers registered on the handle (even
 * before the start) live here, so the runtime finds them once it is built.
 */
export class ConnectionPort extends LanePort<ConnectionRuntime> implements ConnectionHandlers {
  readonly requests = new Map<string, JsonRpcRequestHandler>();
  readonly notifications = new Map<string, JsonRpcNotificationHandler>();
}
