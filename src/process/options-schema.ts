import * as z from 'zod/mini';
import { secretsOption } from '../internal/redact-lane.js';
import type { ProcessPayload } from './options.js';
import {
  argText,
  byteCount,
  cells,
  envName,
  millis,
  nonEmptyText,
  port,
  positiveBytes,
  positiveMillis,
  signalNameSchema,
} from './schema-parts.js';
import type { BridgeConnector } from './surface-options.js';

// The schemas validate; the documented shapes are the interfaces in options.ts and
// surface-options.ts, and the checks at the bottom keep the two in step.

const noLeadingDash = (s: string) => !s.startsWith('-');

const LocalSurfaceSchema = z.strictObject({ kind: z.literal('local') });

const SshSurfaceSchema = z.strictObject({
  kind: z.literal('ssh'),
  destination: nonEmptyText.check(
    z.refine((s) => noLeadingDash(s) && !/\s/.test(s), 'a host without spaces or a leading "-"'),
  ),
  port: z.optional(port),
  identityFile: z.optional(nonEmptyText),
  knownHostsFile: z.optional(nonEmptyText),
  sshOptions: z.optional(
    z.record(
      z.string().check(z.refine((k) => /^[A-Za-z][A-Za-z0-9]*$/.test(k), 'an ssh option name')),
      nonEmptyText,
    ),
  ),
  sshArgs: z.optional(z.array(nonEmptyText)),
  sshPath: z.optional(nonEmptyText),
  connectTimeoutSeconds: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(3_600))),
});

const EndpointSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unix'), path: nonEmptyText }),
  z.strictObject({ kind: z.literal('tcp'), host: nonEmptyText, port }),
]);

const GuestSurfaceSchema = z
  .strictObject({
    kind: z.literal('guest'),
    endpoint: z.optional(EndpointSchema),
    connect: z.optional(
      z.custom<BridgeConnector>((v) => typeof v === 'function', 'a function returning a Duplex'),
    ),
    bridgeRef: nonEmptyText,
    bridgeProfile: z.optional(nonEmptyText),
    attachToken: z.optional(nonEmptyText),
    supportedProtocolVersions: z.optional(
      z.array(z.number().check(z.int(), z.minimum(1))).check(z.minLength(1)),
    ),
    extensions: z.optional(z.record(z.string(), z.unknown())),
    connectTimeoutMs: z.optional(positiveMillis),
    requestTimeoutMs: z.optional(positiveMillis),
    maxFrameBytes: z.optional(positiveBytes),
  })
  .check(
    z.refine(
      (s) => (s.endpoint === undefined) !== (s.connect === undefined),
      'exactly one of `endpoint` or `connect`',
    ),
  );

const SurfaceSchema = z.discriminatedUnion('kind', [
  LocalSurfaceSchema,
  SshSurfaceSchema,
  GuestSurfaceSchema,
]);

const StdioModeSchema = z.enum(['pipe', 'inherit']);

const PtyOptionsSchema = z.strictObject({
  cols: z.optional(cells),
  rows: z.optional(cells),
  name: z.optional(nonEmptyText),
});

/** The `processLane` payload: a command, its argv and the process options (see {@link ProcessPayload}). */
export const ProcessPayloadSchema = z.strictObject({
  command: nonEmptyText,
  args: z.optional(z.array(argText)),
  cwd: z.optional(nonEmptyText),
  env: z.optional(z.record(envName, argText)),
  clearEnv: z.optional(z.boolean()),
  inheritEnv: z.optional(z.array(envName)),
  user: z.optional(nonEmptyText),
  stdin: z.optional(
    z.union([
      z.string(),
      z.instanceof(Uint8Array),
      z.strictObject({ json: z.unknown().check(z.refine((v) => v !== undefined, 'a JSON value')) }),
    ]),
  ),
  closeStdin: z.optional(z.boolean()),
  stderr: z.optional(z.enum(['separate', 'merge'])),
  framing: z.optional(z.enum(['lines', 'raw'])),
  encoding: z.optional(z.enum(['utf8', 'buffer'])),
  stripFinalNewline: z.optional(z.boolean()),
  preferLocal: z.optional(z.boolean()),
  stdio: z.optional(
    z.union([
      StdioModeSchema,
      z.strictObject({
        stdin: z.optional(StdioModeSchema),
        stdout: z.optional(StdioModeSchema),
        stderr: z.optional(StdioModeSchema),
      }),
    ]),
  ),
  maxBufferBytes: z.optional(byteCount),
  maxLineBytes: z.optional(positiveBytes),
  longLines: z.optional(z.enum(['fail', 'chunk'])),
  stderrTailBytes: z.optional(byteCount),
  killSignal: z.optional(signalNameSchema),
  forceKillAfterMs: z.optional(millis),
  drainGraceMs: z.optional(millis),
  containment: z.optional(z.enum(['auto', 'cgroup', 'process-tree'])),
  maxPendingWriteBytes: z.optional(positiveBytes),
  pty: z.optional(z.union([z.boolean(), PtyOptionsSchema])),
  surface: z.optional(SurfaceSchema),
  secrets: secretsOption(),
});

/** The payload as validated: what the plan is built from. */
export type ParsedPayload = z.infer<typeof ProcessPayloadSchema>;

// Compile-time: the schema accepts exactly the documented keys, with compatible values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type KeysMatch = Same<keyof ParsedPayload, keyof ProcessPayload>;
const keysMatch: KeysMatch = true;
const parsedFits: ProcessPayload = {} as ParsedPayload;
void keysMatch;
void parsedFits;
