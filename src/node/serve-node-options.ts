import * as z from 'zod/mini';
import type { Authenticate } from './authenticate.js';
import {
  DEFAULT_AUTHENTICATE_TIMEOUT_MS,
  DEFAULT_MAX_CALLS_PER_CONNECTION,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_MESSAGE_BYTES,
} from './remote-protocol.js';

const positive = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

/** Options of {@link serveNode}. */
export const ServeNodeOptionsSchema = z.strictObject({
  /** TCP port; 0 picks a free one (see `server.port`). @defaultValue 0 */
  port: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(65_535)), 0),
  /** Interface to listen on. @defaultValue `'127.0.0.1'` (loopback only) */
  host: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  /** The only path upgrades are accepted on (others get 404). @defaultValue `'/'` */
  path: z._default(z.string().check(z.regex(/^\/[^\s?#]*$/)), '/'),
  /** Required: decides whether a connection may talk to the node (see `sharedTokenAuthenticator`). */
  authenticate: z.custom<Authenticate>((value) => typeof value === 'function', 'a function'),
  /**
   * Also serve the node as a target (`execution.*`): peers dispatch requests they admitted to this
   * node's lanes, without admission here. Enable it only for peers you trust as you trust yourself.
   * @defaultValue false
   */
  target: z._default(z.boolean(), false),
  maxConnections: z._default(positive(100_000), DEFAULT_MAX_CONNECTIONS),
  maxCallsPerConnection: z._default(positive(1_000_000), DEFAULT_MAX_CALLS_PER_CONNECTION),
  maxMessageBytes: z._default(positive(2 ** 31 - 1), DEFAULT_MAX_MESSAGE_BYTES),
  authenticateTimeoutMs: z._default(positive(2_147_483_647), DEFAULT_AUTHENTICATE_TIMEOUT_MS),
});

/** What {@link serveNode} accepts; `authenticate` is required. */
export type ServeNodeOptions = z.input<typeof ServeNodeOptionsSchema>;
