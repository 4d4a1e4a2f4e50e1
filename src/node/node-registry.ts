import type {
  AnyLane,
  AuthorityVerifier,
  TargetClient,
  TargetVerifier,
} from '../core/contracts/boundary/boundary-interfaces.js';
import { supportedContractVersionRange } from '../core/contracts/boundary/contract-version.js';
import type { NodeDescriptor } from '../core/contracts/boundary/node-descriptor.js';
import type { TargetDescriptor } from '../core/contracts/boundary/target-descriptor.js';
import type { JsonMap, JsonValue } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';

/** A verified target in the routing table and the client that reaches it. */
export interface TargetEntry {
  readonly descriptor: TargetDescriptor;
  readonly client: TargetClient;
}

/**
 * What a node has registered. Every table iterates in registration order (a `Map`); registering
 * an id again replaces the entry in its original place, so iteration order never depends on
 * what was replaced when.
 */
export class NodeRegistry {
  readonly lanes = new Map<string, AnyLane>();
  readonly targetVerifiers = new Map<string, TargetVerifier>();
  readonly targets = new Map<string, TargetEntry>();
  authorityVerifier: AuthorityVerifier | null = null;
  registrationComplete = false;

  registerLane(lane: AnyLane): void {
    requireShape(lane, 'lane', 'id', ['plan', 'start'], 'registerLane()');
    this.lanes.set(lane.id, lane);
  }

  registerTargetVerifier(verifier: TargetVerifier): void {
    requireShape(verifier, 'verifier', 'verifierId', ['handles', 'verify'], 'registerTargetVerifier()');
    this.targetVerifiers.set(verifier.verifierId, verifier);
  }

  registerAuthorityVerifier(verifier: AuthorityVerifier): void {
    requireShape(verifier, 'verifier', 'verifierId', ['verify'], 'registerAuthorityVerifier()');
    this.authorityVerifier = verifier;
  }

  /** The first registered verifier that handles the attestation. */
  verifierFor(handles: (verifier: TargetVerifier) => boolean): TargetVerifier | undefined {
    for (const verifier of this.targetVerifiers.values()) if (handles(verifier)) return verifier;
    return undefined;
  }

  describe(nodeId: string, metadata: Record<string, unknown>): NodeDescriptor {
    return {
      contract_version: 1,
      node_id: nodeId,
      contract_version_range: supportedContractVersionRange(),
      registered_lanes: [...this.lanes].map(
        ([id, lane]) =>
          ({
            contract_version: 1,
            ...structuredClone(lane.capabilities),
            lane_id: id,
          }) as unknown as JsonValue,
      ),
      registered_target_verifiers: [...this.targetVerifiers.values()].map((verifier) => ({
        verifier_id: verifier.verifierId,
        attestation_types: [...verifier.attestationTypes],
        capability_classes: [...verifier.capabilityClasses],
      })),
      verified_targets: [...this.targets.values()].map((entry) => entry.descriptor),
      authority_verifier: this.authorityVerifier?.verifierId ?? null,
      registration_complete: this.registrationComplete,
      metadata: metadata as JsonMap,
    };
  }
}

/** Registration is configuration: a wrong object is a programming error, thrown before any use. */
export function requireShape(
  value: unknown,
  option: string,
  idKey: string | null,
  methods: readonly string[],
  entry: string,
): void {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const id = idKey === null ? 'none needed' : record[idKey];
  if (typeof id !== 'string' || id.length === 0) {
    throw invalidOptions(`${option}.${idKey}`, 'a non-empty string', describeValue(id), entry);
  }
  for (const method of methods) {
    if (typeof record[method] !== 'function') {
      throw invalidOptions(`${option}.${method}`, 'a function', describeValue(record[method]), entry);
    }
  }
}
