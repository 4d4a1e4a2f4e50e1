import * as z from 'zod/mini';
import { count, durationMs } from '../../internal/option-schemas.js';
import { FLEET_DEFAULTS, type FleetConnectionOptions, fleetConnectionShape } from './fleet-options.js';

/**
 * Options of `new FleetClient(options)`: the fabric (shared with `serveNodeOnNats`) and the
 * client's own limits. An unknown key is a compile-time error and, at run time,
 * `INVALID_OPTIONS` naming the key and the nearest known one — before any connection is made.
 */
export interface FleetClientOptions extends FleetConnectionOptions {
  /**
   * Events a node may send ahead of the consumer, per stream (a count from 1).
   * @defaultValue 256
   */
  readonly streamWindow?: number | undefined;
  /**
   * Milliseconds allowed for `describe`, `admit`, `cancel` and for a node to answer a call's
   * start (executions are bounded by their own timeout and the heartbeat bound); past it a
   * `describe` rejects with `TIMEOUT` and a call tries the next satisfying node.
   * @defaultValue 30_000
   */
  readonly callTimeoutMs?: number | undefined;
}

/** The options funnel of `FleetClient`. */
export const FleetClientOptionsSchema = z.strictObject({
  ...fleetConnectionShape,
  streamWindow: z._default(count(1_000_000, 1), FLEET_DEFAULTS.streamWindow),
  callTimeoutMs: z._default(durationMs(), FLEET_DEFAULTS.callTimeoutMs),
});

/** Fleet client options after defaults. */
export type ResolvedFleetClientOptions = z.output<typeof FleetClientOptionsSchema>;
