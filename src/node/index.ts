/**
 * `execution-plane/node`: the governed path. A runtime node holds registered lanes, target
 * verifiers, evidence sinks and an authority verifier; it admits requests in the reference's
 * order (contract version → direct provenance → registration → authority verifier → lane →
 * authority_ref → authority → attested target), dispatches each to exactly one verified target,
 * runs executions concurrently with in-flight cancel, and records every step as evidence.
 * The node is itself a {@link RuntimeClient}; a {@link RemoteRuntimeClient} reaches one served
 * with {@link serveNode} over JSON-RPC on a WebSocket; a fleet of nodes across hosts is served with
 * {@link serveNodeOnNats} and reached through one {@link FleetClient} (NATS, loaded only when used).
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type {
  AdmissionRequestInput,
  AuthorityVerifier,
  RuntimeClient,
} from '../core/contracts/boundary/boundary-interfaces.js';
export type { NodeErrorCode } from '../core/error-codes.js';
export { type Authenticate, sharedTokenAuthenticator } from './authenticate.js';
export { createNode } from './create-node.js';
export { registerDefaultLanes } from './default-lanes.js';
export { FleetClient } from './fleet/fleet-client.js';
export type { FleetClientOptions } from './fleet/fleet-client-options.js';
export { type NatsNodeOptions, type NatsNodeServer, serveNodeOnNats } from './fleet/serve-node-on-nats.js';
export { createJsonlEvidenceSink, type JsonlEvidenceSink } from './jsonl-evidence-sink.js';
export {
  type LocalAttestationOptions,
  LocalWeakVerifier,
  mintLocalAttestation,
} from './local-weak-verifier.js';
export {
  createMemoryEvidenceSink,
  type MemoryEvidenceSink,
  type MemoryEvidenceSinkOptions,
} from './memory-evidence-sink.js';
export type { NodeOptions } from './node-options.js';
export type { RemoteClientOptions } from './remote-options.js';
export { RemoteRuntimeClient } from './remote-runtime-client.js';
export { RemoteTargetClient } from './remote-target-client.js';
export type { NodeStats, RuntimeNode } from './runtime-node.js';
export { type NodeServer, serveNode } from './serve-node.js';
export type { ServeNodeOptions } from './serve-node-options.js';
