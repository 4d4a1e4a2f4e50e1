/**
 * `execution-plane/node`: the governed path. A runtime node holds registered lanes, target
 * verifiers, evidence sinks and an authority verifier; it admits requests in the reference's
 * order (contract version → direct provenance → registration → authority verifier → lane →
 * authority_ref → authority → attested target), dispatches each to exactly one verified target,
 * runs executions concurrently with in-flight cancel, and records every step as evidence.
 * Runtime clients reach a node in process ({@link LocalRuntimeClient}) or over JSON-RPC on a
 * WebSocket ({@link RemoteRuntimeClient}, {@link serveNode}).
 *
 * @module
 */

import '../internal/runtime-guard.js';

export { type Authenticate, type ConnectionInfo, sharedTokenAuthenticator } from './authenticate.js';
export { createNode } from './create-node.js';
export { DEFAULT_LANE_IDS, type DefaultLaneId, registerDefaultLanes } from './default-lanes.js';
export { EVIDENCE_TYPES, type EvidenceContext, type EvidenceType } from './evidence-emitter.js';
export {
  createJsonlEvidenceSink,
  type JsonlEvidenceSink,
  type JsonlEvidenceSinkOptions,
} from './jsonl-evidence-sink.js';
export { LocalRuntimeClient } from './local-runtime-client.js';
export { LocalTargetClient, type LocalTargetClientOptions } from './local-target-client.js';
export {
  LOCAL_WEAK_ATTESTATION_CLASS,
  LOCAL_WEAK_VERIFIER_ID,
  type LocalAttestationOptions,
  LocalWeakVerifier,
  mintLocalAttestation,
} from './local-weak-verifier.js';
export {
  createMemoryEvidenceSink,
  DEFAULT_MEMORY_SINK_CAPACITY,
  type MemoryEvidenceSink,
  type MemoryEvidenceSinkOptions,
} from './memory-evidence-sink.js';
export {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MAX_RESULT_EVENTS,
  DEFAULT_RETAIN_FINISHED,
  DEFAULT_SINK_BACKLOG,
  DEFAULT_SINK_TIMEOUT_MS,
  DEFAULT_VERIFIER_TIMEOUT_MS,
  type NodeOptions,
  NodeOptionsSchema,
} from './node-options.js';
export { REJECTION_MESSAGES, type RejectionReason } from './rejections.js';
export { type RemoteClientOptions, RemoteClientOptionsSchema } from './remote-options.js';
export {
  DEFAULT_AUTHENTICATE_TIMEOUT_MS,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_CALLS_PER_CONNECTION,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_STREAM_WINDOW,
  NODE_METHODS,
  STREAM_NOTIFICATIONS,
  TARGET_METHODS,
} from './remote-protocol.js';
export { RemoteRuntimeClient } from './remote-runtime-client.js';
export { RemoteTargetClient } from './remote-target-client.js';
export type { NodeStats, RuntimeNode } from './runtime-node.js';
export { type NodeServer, serveNode } from './serve-node.js';
export { type ServeNodeOptions, ServeNodeOptionsSchema } from './serve-node-options.js';
export type { SinkStats } from './sink-queue.js';
