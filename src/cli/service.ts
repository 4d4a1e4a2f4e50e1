import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  type AuthorityVerifier,
  createNode,
  LocalWeakVerifier,
  mintLocalAttestation,
  type NatsNodeServer,
  type NodeServer,
  RemoteTargetClient,
  type RuntimeNode,
  registerDefaultLanes,
  serveNode,
  serveNodeOnNats,
} from '../node/index.js';
import type { Log } from './log.js';
import { MetricsSink } from './metrics.js';
import { ConfigError, type NodeConfig } from './node-config.js';
import { RotatingJsonlSink } from './rotating-jsonl-sink.js';
import { readSecrets } from './secrets.js';
import { serviceEndpoints } from './service-endpoints.js';
import { StaticGrantVerifier } from './static-grants.js';
import { TokenAuthenticator } from './token-authenticator.js';

/** A node running as a service: the node, its server, and what the signals act on. */
export interface Service {
  readonly node: RuntimeNode;
  readonly server: NodeServer;
  /** Re-reads tokens and grants (SIGHUP); on any problem the old ones stay. */
  reload(): Promise<void>;
  /** Refuses new work, lets in-flight finish within the grace, cancels the rest, flushes, stops. */
  drain(): Promise<void>;
}

const NODE_LIMITS = [
  'maxInFlight',
  'retainFinished',
  'maxResultEvents',
  'verifierTimeoutMs',
  'sinkTimeoutMs',
  'sinkBacklog',
] as const;
const SERVER_LIMITS = [
  'maxConnections',
  'maxCallsPerConnection',
  'maxMessageBytes',
  'handshakeTimeoutMs',
] as const;

/**
 * Reads every secret and file the config names (tokens, TLS files, grants, the authority module);
 * throws one ConfigError with all problems, each with its path. `node serve --check` stops here.
 */
export async function readInputs(config: NodeConfig, file: string) {
  const tokens = await readSecrets(
    config.auth.tokens.map((entry, index) => ({
      path: `auth.tokens[${index}]`,
      source: entry.file ? { file: entry.file } : { env: entry.env! },
    })),
  );
  const targetTokens = await Promise.all(
    config.targets.map((target, index) =>
      target.token ? readSecrets([{ path: `targets[${index}].token`, source: target.token }]) : null,
    ),
  );
  const secrets = await readSecrets(
    config.secrets.map((source, index) => ({ path: `secrets[${index}]`, source })),
  );
  const fleetToken = config.fleet?.token
    ? await readSecrets([{ path: 'fleet.token', source: config.fleet.token }])
    : undefined;
  const fleetPass = config.fleet?.pass
    ? await readSecrets([{ path: 'fleet.pass', source: config.fleet.pass }])
    : undefined;
  const problems = [
    ...tokens.problems,
    ...targetTokens.flatMap((t) => t?.problems ?? []),
    ...secrets.problems,
    ...(fleetToken?.problems ?? []),
    ...(fleetPass?.problems ?? []),
  ];
  let tls: { cert: string; key: string } | undefined;
  if (config.tls) {
    const [cert, key] = await Promise.all(
      [config.tls.certFile, config.tls.keyFile].map((path, index) =>
        readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
          problems.push(
            `tls.${index === 0 ? 'certFile' : 'keyFile'}: cannot read ${path} (${error.code ?? 'error'})`,
          );
          return '';
        }),
      ),
    );
    tls = { cert: cert!, key: key! };
  }
  let authority: AuthorityVerifier | undefined;
  let grants: StaticGrantVerifier | undefined;
  if (config.authority?.kind === 'static-grants') {
    grants = new StaticGrantVerifier(config.authority.grantsFile);
    await grants.reload().catch((error: Error) => problems.push(`authority.grantsFile: ${error.message}`));
    authority = grants;
  } else if (config.authority?.kind === 'module') {
    authority = await loadAuthorityModule(config.authority.module, config.authority.export).catch(
      (error: Error) => {
        problems.push(`authority.module: ${error.message}`);
        return undefined;
      },
    );
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return {
    tokens: config.auth.tokens.map((entry, index) => ({
      token: tokens.values[index]!,
      principal: entry.principal,
    })),
    targetTokens: targetTokens.map((t) => t?.values[0]),
    secrets: secrets.values,
    fleetToken: fleetToken?.values[0],
    fleetPass: fleetPass?.values[0],
    tls,
    authority,
    grants,
  };
}

async function loadAuthorityModule(path: string, name: string): Promise<AuthorityVerifier> {
  const loaded = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  let value = loaded[name];
  if (typeof value === 'function') value = await (value as () => unknown)();
  const verifier = value as Partial<AuthorityVerifier> | undefined;
  if (!verifier || typeof verifier.verify !== 'function' || typeof verifier.verifierId !== 'string') {
    throw new Error(`export ${name} of ${path} is not an AuthorityVerifier (nor a function returning one)`);
  }
  return verifier as AuthorityVerifier;
}

/** Starts the node described by `config` (from `file`); throws ConfigError before anything listens. */
export async function startService(config: NodeConfig, file: string, log: Log): Promise<Service> {
  const inputs = await readInputs(config, file);
  const limits = config.limits;
  const node = createNode({
    ...(config.nodeId ? { nodeId: config.nodeId } : {}),
    allowDirect: config.allowDirect,
    closeGraceMs: config.drain.graceMs,
    // Tokens are scrubbed from whatever the node copies, should a caller send one along.
    secrets: [...inputs.secrets, ...inputs.tokens.map((t) => t.token)].filter((value) => value.length >= 4),
    ...Object.fromEntries(
      NODE_LIMITS.flatMap((key) => (limits[key] === undefined ? [] : [[key, limits[key]]])),
    ),
  });
  const metrics = new MetricsSink();
  node.registerEvidenceSink(metrics);
  const jsonl = config.evidence.jsonl
    ? new RotatingJsonlSink(
        config.evidence.jsonl.path,
        config.evidence.jsonl.maxBytes,
        config.evidence.jsonl.maxFiles,
      )
    : undefined;
  if (jsonl) node.registerEvidenceSink(jsonl);
  await registerDefaultLanes(node, config.lanes);
  node.registerTargetVerifier(new LocalWeakVerifier());
  if (inputs.authority) node.registerAuthorityVerifier(inputs.authority);
  const targetClients: RemoteTargetClient[] = [];
  for (const [index, target] of config.targets.entries()) {
    const token = inputs.targetTokens[index];
    const client = target.url ? new RemoteTargetClient(target.url, token ? { token } : {}) : undefined;
    if (client) targetClients.push(client);
    const verdict = await node.connectTarget(
      mintLocalAttestation({ targetId: target.id, laneId: target.lane }),
      client,
    );
    if (!verdict.ok) throw new ConfigError(file, [`targets[${index}]: ${verdict.rejection.message}`]);
  }
  node.completeRegistration();

  const tokens = new TokenAuthenticator();
  tokens.replace(inputs.tokens);
  let draining = false;
  const sinkBacklog = limits.sinkBacklog ?? 10_000;
  const readiness = (): string[] => {
    const problems: string[] = [];
    if (draining) problems.push('draining');
    for (const sink of node.stats().sinks) {
      if (sink.backlog >= sinkBacklog) problems.push(`sink ${sink.sink_id} backlog full`);
    }
    if (jsonl?.state.error) problems.push(`sink ${jsonl.sinkId}: ${jsonl.state.error}`);
    return problems;
  };
  let server: NodeServer | undefined;
  const onRequest = serviceEndpoints({
    wsPath: config.listen.path,
    readiness,
    metrics: () =>
      metrics.render({
        stats: node.stats(),
        connections: server?.connections ?? 0,
        ready: readiness().length === 0,
        draining,
      }),
  });
  server = await serveNode(node, {
    authenticate: tokens.authenticate,
    host: config.listen.host,
    port: config.listen.port,
    path: config.listen.path,
    target: config.serveAsTarget,
    operators: config.auth.operators,
    onRequest,
    ...(inputs.tls ? { tls: inputs.tls } : {}),
    ...Object.fromEntries(
      SERVER_LIMITS.flatMap((key) => (limits[key] === undefined ? [] : [[key, limits[key]]])),
    ),
  });
  const running = server;
  const fleet = config.fleet ? await serveOnFleet(node, config, inputs) : undefined;
  if (fleet) log('info', 'serving on the fleet', { node_id: fleet.nodeId });

  return {
    node,
    server: running,
    async reload() {
      const fresh = await readSecrets(
        config.auth.tokens.map((entry, index) => ({
          path: `auth.tokens[${index}]`,
          source: entry.file ? { file: entry.file } : { env: entry.env! },
        })),
      );
      if (fresh.problems.length > 0) {
        log('error', 'reload refused: tokens kept', { problems: fresh.problems });
      } else {
        tokens.replace(
          config.auth.tokens.map((entry, index) => ({
            token: fresh.values[index]!,
            principal: entry.principal,
          })),
        );
        log('info', 'tokens reloaded', { tokens: tokens.size });
      }
      if (inputs.grants) {
        await inputs.grants.reload().then(
          (count) => log('info', 'grants reloaded', { grants: count }),
          (error: Error) => log('error', 'reload refused: grants kept', { problem: error.message }),
        );
      }
    },
    async drain() {
      draining = true;
      log('info', 'draining', { in_flight: node.stats().in_flight, grace_ms: config.drain.graceMs });
      // Leave the fleet first, so no new call is routed here while in-flight work drains.
      await fleet?.close();
      // Refuses new work at once; in-flight executions get the grace, then are cancelled; flushes.
      await node.close();
      // Let results written on the way out reach their connections before the close frames.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await running.close();
      await Promise.all(targetClients.map((client) => client.close()));
      await jsonl?.flush();
      const stats = node.stats();
      log('info', 'stopped', { evidence_emitted: stats.evidence_emitted, sinks: stats.sinks });
    },
  };
}

// The `fleet` section: the same node, also served on NATS (credentials read like every secret).
async function serveOnFleet(
  node: RuntimeNode,
  config: NodeConfig,
  inputs: Awaited<ReturnType<typeof readInputs>>,
): Promise<NatsNodeServer> {
  const { token: _token, pass: _pass, ...fleet } = config.fleet!;
  return serveNodeOnNats(node, {
    ...fleet,
    ...(config.nodeId ? { nodeId: config.nodeId } : {}),
    ...(inputs.fleetToken ? { token: inputs.fleetToken } : {}),
    ...(inputs.fleetPass ? { pass: inputs.fleetPass } : {}),
  });
}
