import * as z from 'zod/mini';
import { count, durationMs } from '../../internal/option-schemas.js';

/** Defaults of the fleet options (subjects, bucket, stream, heartbeat). */
export const FLEET_DEFAULTS = {
  subjectPrefix: 'ep.fleet',
  bucket: 'ep_fleet_nodes',
  evidenceStream: 'EP_EVIDENCE',
  heartbeatMs: 1_000,
  missedHeartbeats: 3,
  replicas: 1,
  streamWindow: 256,
  callTimeoutMs: 30_000,
  maxCalls: 10_000,
  evidenceBacklog: 100_000,
} as const;

/**
 * How to reach the NATS fabric and where the fleet lives on it; shared by `serveNodeOnNats` and
 * `FleetClient`, which must agree on `subjectPrefix`, `bucket` and `evidenceStream`.
 */
export interface FleetConnectionOptions {
  /**
   * NATS server URLs (`nats://host:4222`, `tls://…`); give several members of a cluster to fail
   * over between them.
   * @defaultValue required, no default
   */
  readonly servers: string | readonly string[];
  /**
   * NATS token authentication. Never logged.
   * @defaultValue none
   */
  readonly token?: string | undefined;
  /**
   * NATS user name (with `pass`).
   * @defaultValue none
   */
  readonly user?: string | undefined;
  /**
   * NATS password (with `user`). Never logged.
   * @defaultValue none
   */
  readonly pass?: string | undefined;
  /**
   * Path of a NATS user credentials file (JWT and nkey seed, as `nsc` writes it).
   * @defaultValue none
   */
  readonly credsFile?: string | undefined;
  /**
   * TLS to the NATS servers: a CA to trust and, for mutual TLS, a client certificate and key (PEM
   * file paths). `{}` requires TLS with the system's trust store.
   * @defaultValue none (whatever the server URL and server config say)
   */
  readonly tls?:
    | { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string }
    | undefined;
  /**
   * Prefix of every fleet subject (`<prefix>.node.<nodeId>.<op>`, `<prefix>.evidence.…`).
   * @defaultValue `'ep.fleet'`
   */
  readonly subjectPrefix?: string | undefined;
  /**
   * JetStream key-value bucket where nodes publish their descriptors.
   * @defaultValue `'ep_fleet_nodes'`
   */
  readonly bucket?: string | undefined;
  /**
   * JetStream stream that holds the fleet's evidence.
   * @defaultValue `'EP_EVIDENCE'`
   */
  readonly evidenceStream?: string | undefined;
  /**
   * Milliseconds between heartbeats: a node refreshes its descriptor, beats on each call it runs,
   * and a client keeps its calls alive, at this interval.
   * @defaultValue 1_000
   */
  readonly heartbeatMs?: number | undefined;
  /**
   * Heartbeats that may be missed before a peer counts as gone (a count from 2): a node whose
   * descriptor is that old is not routed to, a call whose node is silent that long fails with
   * `REMOTE_DISCONNECT`, a call whose client is silent that long is cancelled.
   * @defaultValue 3
   */
  readonly missedHeartbeats?: number | undefined;
  /**
   * Replicas of the bucket and the evidence stream when this side creates them (1 to 5; at most
   * the number of JetStream servers in the cluster).
   * @defaultValue 1
   */
  readonly replicas?: number | undefined;
}

const subjectToken = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const streamName = /^[A-Za-z0-9_-]{1,64}$/;

/** The shared fields of the fleet option funnels. */
export const fleetConnectionShape = {
  servers: z.union([
    z.string().check(z.minLength(1)),
    z.readonly(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
  ]),
  token: z.optional(z.string().check(z.minLength(1))),
  user: z.optional(z.string().check(z.minLength(1))),
  pass: z.optional(z.string()),
  credsFile: z.optional(z.string().check(z.minLength(1))),
  tls: z.optional(
    z.strictObject({
      caFile: z.optional(z.string()),
      certFile: z.optional(z.string()),
      keyFile: z.optional(z.string()),
    }),
  ),
  subjectPrefix: z._default(z.string().check(z.regex(subjectToken)), FLEET_DEFAULTS.subjectPrefix),
  bucket: z._default(z.string().check(z.regex(streamName)), FLEET_DEFAULTS.bucket),
  evidenceStream: z._default(z.string().check(z.regex(streamName)), FLEET_DEFAULTS.evidenceStream),
  heartbeatMs: z._default(durationMs().check(z.minimum(10)), FLEET_DEFAULTS.heartbeatMs),
  missedHeartbeats: z._default(count(1_000, 2), FLEET_DEFAULTS.missedHeartbeats),
  replicas: z._default(count(5, 1), FLEET_DEFAULTS.replicas),
};

/** The resolved shared fields. */
export type ResolvedFleetConnection = z.output<z.ZodMiniObject<typeof fleetConnectionShape>>;
