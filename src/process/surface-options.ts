import type { Duplex } from 'node:stream';
import * as z from 'zod/mini';
import { nonEmptyText, port, positiveBytes, positiveMillis } from './schema-parts.js';

const noLeadingDash = (s: string) => !s.startsWith('-');

/** Runs the command on this machine (execa underneath). */
export const LocalSurfaceSchema = z.strictObject({ kind: z.literal('local') });

/** Runs the command on another host through the system OpenSSH client. */
export const SshSurfaceSchema = z.strictObject({
  kind: z.literal('ssh'),
  /** Host name or `user@host`; never starts with `-`, so it cannot pass as an ssh option. */
  destination: nonEmptyText.check(
    z.refine((s) => noLeadingDash(s) && !/\s/.test(s), 'a host without spaces or a leading "-"'),
  ),
  /** Remote sshd port. */
  port: z.optional(port),
  /** Private key file (`-i`); `IdentitiesOnly=yes` is set with it. */
  identityFile: z.optional(nonEmptyText),
  /** known_hosts file checked with `StrictHostKeyChecking=yes` (`UserKnownHostsFile`). */
  knownHostsFile: z.optional(nonEmptyText),
  /** Extra `-o Key=Value` options, after the defaults (so they override them). */
  sshOptions: z.optional(
    z.record(
      z.string().check(z.refine((k) => /^[A-Za-z][A-Za-z0-9]*$/.test(k), 'an ssh option name')),
      nonEmptyText,
    ),
  ),
  /** Extra raw ssh arguments placed before the destination. */
  sshArgs: z.optional(z.array(nonEmptyText)),
  /** The ssh client binary. @defaultValue `ssh` from PATH */
  sshPath: z.optional(nonEmptyText),
  /** `ConnectTimeout` in seconds. */
  connectTimeoutSeconds: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(3_600))),
});

const EndpointSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unix'), path: nonEmptyText }),
  z.strictObject({ kind: z.literal('tcp'), host: nonEmptyText, port }),
]);

/** Opens a duplex byte stream to a guest bridge (a socket, a child's stdio, a vsock …). */
export type BridgeConnector = () => Duplex | Promise<Duplex>;

/** Runs the command inside a guest through a length-prefixed JSON bridge. */
export const GuestSurfaceSchema = z
  .strictObject({
    kind: z.literal('guest'),
    /** Where the bridge listens (`unix` socket path or `tcp` host and port). */
    endpoint: z.optional(EndpointSchema),
    /** Or any duplex stream to the bridge. */
    connect: z.optional(
      z.custom<BridgeConnector>((v) => typeof v === 'function', 'a function returning a Duplex'),
    ),
    /** Which bridge this is (echoed in the attach handshake). */
    bridgeRef: nonEmptyText,
    /** Profile both sides must agree on. @defaultValue `core_cli_transport` */
    bridgeProfile: z.optional(nonEmptyText),
    /** Attach credential sent in the handshake; never logged or echoed. */
    attachToken: z.optional(nonEmptyText),
    /** Protocol versions offered. @defaultValue `[1]` */
    supportedProtocolVersions: z.optional(
      z.array(z.number().check(z.int(), z.minimum(1))).check(z.minLength(1)),
    ),
    /** Opaque data for the bridge. */
    extensions: z.optional(z.record(z.string(), z.unknown())),
    connectTimeoutMs: z.optional(positiveMillis),
    requestTimeoutMs: z.optional(positiveMillis),
    /** Largest frame accepted from the bridge. */
    maxFrameBytes: z.optional(positiveBytes),
  })
  .check(
    z.refine(
      (s) => (s.endpoint === undefined) !== (s.connect === undefined),
      'exactly one of `endpoint` or `connect`',
    ),
  );

/** Where a command runs. */
export const SurfaceSchema = z.discriminatedUnion('kind', [
  LocalSurfaceSchema,
  SshSurfaceSchema,
  GuestSurfaceSchema,
]);

/** The `surface` option. @defaultValue `{ kind: 'local' }` */
export type SurfaceOptions = z.infer<typeof SurfaceSchema>;
/** `{ kind: 'ssh', … }` */
export type SshSurfaceOptions = z.infer<typeof SshSurfaceSchema>;
/** `{ kind: 'guest', … }` */
export type GuestSurfaceOptions = z.infer<typeof GuestSurfaceSchema>;
/** Names of the surfaces. */
export type SurfaceKind = SurfaceOptions['kind'];
