import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as z from 'zod';

/**
 * The `node serve` config file: one JSON document, validated by this schema (JSON Schema in
 * `schemas/node-config.schema.json`, generated from it). Relative paths are resolved against the
 * config file's directory. Secrets never sit in the file itself: tokens come from files or
 * environment variables.
 */

const LANES = ['process', 'http', 'sse', 'websocket', 'jsonrpc'] as const;
const int = (min: number, max: number) => z.int().min(min).max(max);
const ms = () => int(0, 2_147_483_647);
const nonEmpty = () => z.string().min(1);

/** Where a secret comes from: a file (its content, trimmed) or an environment variable. */
const SecretSource = z
  .union([
    z.strictObject({ file: nonEmpty().describe('path of a file holding the secret (trimmed)') }),
    z.strictObject({ env: nonEmpty().describe('name of an environment variable holding the secret') }),
  ])
  .describe('a secret read from a file or an environment variable, never written in the config');

const TokenEntry = z
  .strictObject({
    file: nonEmpty().optional().describe('path of a file holding the token'),
    env: nonEmpty().optional().describe('environment variable holding the token'),
    principal: nonEmpty()
      .max(256)
      .optional()
      .describe('principal the token acts as (default: each connection is a principal of its own)'),
  })
  .refine((entry) => (entry.file === undefined) !== (entry.env === undefined), {
    message: 'give exactly one of `file` or `env`',
  });

const Target = z
  .strictObject({
    id: nonEmpty().max(256).describe('target id in the routing table'),
    lane: z.enum(LANES).describe('the lane this target runs'),
    url: z
      .string()
      .regex(/^wss?:\/\//, 'a ws:// or wss:// URL')
      .optional()
      .describe('a node served as a target (`serve --target`); absent: runs in this process'),
    token: SecretSource.optional().describe('token for the remote target'),
  })
  .describe('a target: in this process (local weak attestation) or a remote node');

const Authority = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('static-grants'),
      grantsFile: nonEmpty().describe(
        'JSON file `{ "grants": [{ "ref": "grant://…", "expires_at"?: ISO-8601 }] }`',
      ),
    }),
    z.strictObject({
      kind: z.literal('module'),
      module: nonEmpty().describe(
        'path of an ES module exporting an AuthorityVerifier (or a factory of one)',
      ),
      export: nonEmpty().default('default').describe('the export to use'),
    }),
  ])
  .describe('the authority verifier: built-in static grants, or a module of your own');

export const NodeConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('editor hint; ignored'),
    nodeId: nonEmpty().max(256).optional().describe('node id in the descriptor (default node-<unix ms>)'),
    listen: z
      .strictObject({
        host: nonEmpty().default('127.0.0.1').describe('interface to listen on'),
        port: int(0, 65_535).default(0).describe('TCP port; 0 picks a free one (logged)'),
        path: z
          .string()
          .regex(/^\/[^\s?#]*$/, 'a path starting with /')
          .default('/')
          .describe('WebSocket upgrade path'),
      })
      .prefault({})
      .describe('where the node is served'),
    tls: z
      .strictObject({
        certFile: nonEmpty().describe('PEM certificate (chain)'),
        keyFile: nonEmpty().describe('PEM private key'),
      })
      .optional()
      .describe('serve wss:// (and https health endpoints) with this certificate'),
    auth: z
      .strictObject({
        tokens: z.array(TokenEntry).min(1).describe('accepted bearer tokens; reloaded on SIGHUP'),
        operators: z.array(nonEmpty()).default([]).describe('principals that may cancel any execution'),
      })
      .describe('who may connect'),
    lanes: z
      .array(z.enum(LANES))
      .min(1)
      .default([...LANES])
      .describe('lanes to register'),
    targets: z.array(Target).default([]).describe('targets to connect at start'),
    authority: Authority.optional().describe('absent: only direct-provenance requests can be admitted'),
    allowDirect: z.boolean().default(false).describe('accept direct_lower_lane_owner provenance'),
    serveAsTarget: z.boolean().default(false).describe('also serve execution.* to peer nodes'),
    evidence: z
      .strictObject({
        jsonl: z
          .strictObject({
            path: nonEmpty().describe('the JSONL file'),
            maxBytes: int(1024, 2 ** 40)
              .default(64 * 1024 * 1024)
              .describe('rotate once the file reaches this size'),
            maxFiles: int(1, 1_000).default(5).describe('rotated files kept (path.1 … path.N)'),
          })
          .optional(),
      })
      .prefault({})
      .describe('evidence sinks'),
    fleet: z
      .strictObject({
        servers: z
          .union([nonEmpty(), z.array(nonEmpty()).min(1)])
          .describe('NATS server URLs, the local server first'),
        token: SecretSource.optional().describe('NATS token, from a file or an environment variable'),
        user: nonEmpty().optional().describe('NATS user (with `pass`)'),
        pass: SecretSource.optional().describe('NATS password, from a file or an environment variable'),
        credsFile: nonEmpty().optional().describe('NATS user credentials (.creds) file'),
        tls: z
          .strictObject({
            caFile: nonEmpty().optional(),
            certFile: nonEmpty().optional(),
            keyFile: nonEmpty().optional(),
          })
          .optional()
          .describe('TLS to the NATS servers (file paths)'),
        evidence: z.boolean().default(true).describe("publish evidence to the fleet's JetStream stream"),
        replicas: int(1, 5).optional().describe('replicas of the bucket and the evidence stream'),
        subjectPrefix: nonEmpty().optional(),
        bucket: nonEmpty().optional(),
        evidenceStream: nonEmpty().optional(),
        heartbeatMs: int(1, 2_147_483_647).optional(),
        missedHeartbeats: int(2, 1_000).optional(),
        maxCalls: int(1, 1_000_000).optional(),
      })
      .optional()
      .describe('also serve the node on a NATS fleet (serveNodeOnNats; see docs/fleet.md)'),
    drain: z
      .strictObject({
        graceMs: ms()
          .default(10_000)
          .describe('on SIGTERM/SIGINT: time in-flight executions get before cancel'),
      })
      .prefault({}),
    secrets: z.array(SecretSource).default([]).describe('extra values the node scrubs from what it copies'),
    limits: z
      .strictObject({
        maxInFlight: int(1, 1_000_000).optional(),
        retainFinished: int(0, 1_000_000).optional(),
        maxResultEvents: int(1, 1_000_000).optional(),
        verifierTimeoutMs: int(1, 2_147_483_647).optional(),
        sinkTimeoutMs: int(1, 2_147_483_647).optional(),
        sinkBacklog: int(1, 10_000_000).optional(),
        maxConnections: int(1, 100_000).optional(),
        maxCallsPerConnection: int(1, 1_000_000).optional(),
        maxMessageBytes: int(1, 2 ** 31 - 1).optional(),
        handshakeTimeoutMs: int(1, 2_147_483_647).optional(),
      })
      .prefault({})
      .describe('node and server limits (defaults: docs/node.md)'),
  })
  .describe('execution-plane node serve configuration');

/** A validated config, paths resolved against the config file's directory. */
export type NodeConfig = z.output<typeof NodeConfigSchema>;

/** A config file that cannot be used: every problem, each with its path in the document. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** Reads, validates and resolves a config file; throws {@link ConfigError} listing every problem. */
export async function loadNodeConfig(file: string): Promise<NodeConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = NodeConfigSchema.safeParse(document);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`),
    );
  }
  return resolvePaths(parsed.data, dirname(resolve(file)));
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function resolvePaths(config: NodeConfig, base: string): NodeConfig {
  const at = (path: string) => resolve(base, path);
  const secret = (source: { file: string } | { env: string }) =>
    'file' in source ? { file: at(source.file) } : source;
  return {
    ...config,
    ...(config.tls ? { tls: { certFile: at(config.tls.certFile), keyFile: at(config.tls.keyFile) } } : {}),
    auth: {
      ...config.auth,
      tokens: config.auth.tokens.map((token) => (token.file ? { ...token, file: at(token.file) } : token)),
    },
    targets: config.targets.map((target) =>
      target.token ? { ...target, token: secret(target.token) } : target,
    ),
    ...(config.authority
      ? {
          authority:
            config.authority.kind === 'static-grants'
              ? { ...config.authority, grantsFile: at(config.authority.grantsFile) }
              : { ...config.authority, module: at(config.authority.module) },
        }
      : {}),
    evidence: config.evidence.jsonl
      ? { jsonl: { ...config.evidence.jsonl, path: at(config.evidence.jsonl.path) } }
      : {},
    secrets: config.secrets.map(secret),
  };
}

/** The JSON Schema of the config file (what `schemas/node-config.schema.json` holds). */
export function nodeConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(NodeConfigSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://unpkg.com/execution-plane/schemas/node-config.schema.json',
    title: 'execution-plane node config',
  };
}
