import type { AdmissionDecision } from '../../core/contracts/boundary/admission-decision.js';
import {
  type AdmissionRejection,
  createRejection,
} from '../../core/contracts/boundary/admission-rejection.js';
import { decodeBoundary } from '../../core/contracts/boundary/boundary-codec.js';
import type {
  AdmissionRequestInput,
  ExecutionStream,
  RuntimeCallOptions,
  RuntimeClient,
  Verdict,
} from '../../core/contracts/boundary/boundary-interfaces.js';
import type { Evidence } from '../../core/contracts/boundary/evidence.js';
import type { ExecutionRef } from '../../core/contracts/boundary/execution-ref.js';
import type { ExecutionResult } from '../../core/contracts/boundary/execution-result.js';
import { type NodeDescriptor, NodeDescriptorSchema } from '../../core/contracts/boundary/node-descriptor.js';
import { nodeAdmittedProvenance } from '../../core/contracts/boundary/provenance.js';
import { ExecutionError } from '../../core/errors.js';
import { parseOptions } from '../../core/parse-options.js';
import { unguessableId } from '../../internal/ids.js';
import { rejectedResult } from '../execution-results.js';
import { decisionVerdictOf } from '../remote-verdicts.js';
import {
  type FleetClientOptions,
  FleetClientOptionsSchema,
  type ResolvedFleetClientOptions,
} from './fleet-client-options.js';
import { readFleetEvidence } from './fleet-evidence-reader.js';
import { FleetFabric } from './fleet-fabric.js';
import type { NodeRefusal } from './fleet-routing.js';

// A refusal that says nothing against another node: try the next satisfying one.
const TRY_NEXT = new Set([
  'capacity_exceeded',
  'node_closed',
  'registration_incomplete',
  'lane_not_registered',
  'no_satisfying_attested_target',
  'unreachable',
]);

/**
 * A runtime client for a fleet of nodes served with `serveNodeOnNats`: the same calls and values
 * as one node (`admit`, `execute`, `stream`, `cancel`, `describe`), so code written for one node
 * takes a fleet unchanged. Each request goes to a node whose verified targets satisfy its lane
 * and `acceptable_attestation` — fewest in flight first (rule in docs/fleet.md); that node's own
 * admission decides, and a node that refuses for want of capacity, lane or target, or does not
 * answer, passes the request to the next. When none takes it the result is `rejected` with every
 * node's reason in `details.nodes`.
 *
 * Streams are credit-based end to end (a slow consumer pauses the execution on its node); frames
 * lost while the fabric reconnects are sent again; a node silent for `heartbeatMs ×
 * missedHeartbeats` fails its calls with `REMOTE_DISCONNECT` (class `remote_disconnect`, outcome
 * unknown). The connection opens in the background; calls wait for it and reject (never for what
 * a node decided) with `CONNECT_FAILED`/`AUTHENTICATION_FAILED`, or `SESSION_ENDED` after `close()`.
 *
 * @example
 * // doc-test: no-run — needs a NATS server and nodes
 * await using fleet = new FleetClient({ servers: ['nats://10.0.0.1:4222', 'nats://10.0.0.2:4222'] });
 * await fleet.ready();
 * const result = await fleet.execute(request, { timeoutMs: 60_000 });
 */
export class FleetClient implements RuntimeClient, AsyncDisposable {
  #options: ResolvedFleetClientOptions;
  #fabric: Promise<FleetFabric>;
  #opened: FleetFabric | undefined;
  #refs = new Map<string, string>();
  #closed: Promise<void> | undefined;

  /** Validates `options` (`INVALID_OPTIONS`, before any I/O) and starts connecting. */
  constructor(options: FleetClientOptions) {
    this.#options = parseOptions(FleetClientOptionsSchema, options, 'FleetClient');
    this.#fabric = FleetFabric.open(this.#options);
    this.#fabric.then(
      (fabric) => {
        this.#opened = fabric;
      },
      () => {},
    );
  }

  /** Resolves once connected and the bucket's nodes are known; rejects with why it could not. */
  async ready(): Promise<void> {
    await this.#use('ready()');
  }

  /**
   * The live nodes as this client sees them: lanes, number of verified targets, calls the node
   * reported at its last beat (`in_flight`), calls this client has running there now (`calls`)
   * and has routed there so far (`routed`).
   */
  nodes(): Array<{
    readonly node_id: string;
    readonly lanes: readonly string[];
    readonly targets: number;
    readonly in_flight: number;
    readonly calls: number;
    readonly routed: number;
  }> {
    const fabric = this.#opened;
    if (!fabric) return [];
    return fabric.directory.live().map((e) => ({
      node_id: e.node_id,
      lanes: e.registered_lanes,
      targets: e.targets.length,
      in_flight: e.in_flight,
      calls: fabric.callsOn(e.node_id),
      routed: fabric.routed.get(e.node_id) ?? 0,
    }));
  }

  /** The fleet as one node: every live node's lanes and verified targets; `metadata.nodes` lists them. */
  async describe(): Promise<NodeDescriptor> {
    const fabric = await this.#use('describe()');
    const live = fabric.directory.live();
    return decodeBoundary(NodeDescriptorSchema, {
      contract_version: 1,
      node_id: `fleet:${this.#options.bucket}`,
      registered_lanes: [...new Set(live.flatMap((e) => e.registered_lanes))].map((lane_id) => ({ lane_id })),
      registered_target_verifiers: [],
      verified_targets: live.flatMap((e) =>
        e.targets.map((t) => ({
          contract_version: 1,
          target_id: t.target_id,
          lane_id: t.lane_id,
          attested_capability_classes: t.attestation_classes,
          verifier_id: `fleet:${e.node_id}`,
          expires_at: t.expires_at,
          metadata: { node_id: e.node_id },
        })),
      ),
      authority_verifier: null,
      registration_complete: live.length > 0,
      metadata: { nodes: live.map((e) => ({ node_id: e.node_id, in_flight: e.in_flight })) },
    });
  }

  /** Admits on the first satisfying node that admits (nothing runs). */
  async admit(request: AdmissionRequestInput): Promise<Verdict<'decision', AdmissionDecision>> {
    const fabric = await this.#use('admit()');
    const tried: NodeRefusal[] = [];
    await fabric.awaitLive();
    for (let nodeId = fabric.next(request, tried); nodeId; nodeId = fabric.next(request, tried)) {
      const answer = await fabric.ask(nodeId, 'admit', { request }).catch(() => undefined);
      if (answer === undefined) {
        tried.push({ node_id: nodeId, reason: 'unreachable' });
        continue;
      }
      const verdict = decisionVerdictOf(answer);
      const reason = verdict.ok ? '' : (verdict.rejection.reason ?? 'rejected');
      if (!TRY_NEXT.has(reason)) return verdict;
      tried.push({ node_id: nodeId, reason });
    }
    return { ok: false, rejection: noNode(request, tried) };
  }

  /**
   * Admits and runs on a satisfying node; `signal` cancels it there, `timeoutMs` travels with the
   * request. A refusal is a `rejected` result; a node lost mid-execution a `failed` one
   * (`REMOTE_DISCONNECT`, outcome unknown). Rejects only when the client itself cannot work.
   */
  async execute(request: AdmissionRequestInput, options: RuntimeCallOptions = {}): Promise<ExecutionResult> {
    const fabric = await this.#use('execute()');
    const tried: NodeRefusal[] = [];
    await fabric.awaitLive();
    for (let nodeId = fabric.next(request, tried); nodeId; nodeId = fabric.next(request, tried)) {
      const call = fabric.newCall(nodeId);
      const answer = await fabric.start(call, 'execute', request, options);
      if (call.done) return call.result; // the client closed meanwhile
      if (answer.ok !== true) {
        fabric.calls.delete(call.callId);
        const reason = reasonOf(answer);
        tried.push({ node_id: nodeId, reason });
        if (TRY_NEXT.has(reason)) continue;
        return rejectedResult(
          `fleet-${call.callId}`,
          answer.rejection as AdmissionRejection,
          nodeAdmittedProvenance(),
        );
      }
      if (answer.result) call.complete(answer.result as ExecutionResult);
      const signal = options.signal;
      const abort = () => fabric.control(nodeId, { op: 'abort', call_id: call.callId });
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
      const result = await call.result;
      signal?.removeEventListener('abort', abort);
      fabric.calls.delete(call.callId);
      const reason = result.status === 'rejected' ? reasonOf({ rejection: result.error }) : '';
      if (!TRY_NEXT.has(reason)) return result;
      tried.push({ node_id: nodeId, reason });
    }
    return rejectedResult(`fleet-${unguessableId('call')}`, noNode(request, tried), nodeAdmittedProvenance());
  }

  /** Admits and streams from a satisfying node, with credit-based backpressure across the fabric. */
  async stream(
    request: AdmissionRequestInput,
    options: RuntimeCallOptions = {},
  ): Promise<Verdict<'events', ExecutionStream>> {
    const fabric = await this.#use('stream()');
    const tried: NodeRefusal[] = [];
    await fabric.awaitLive();
    for (let nodeId = fabric.next(request, tried); nodeId; nodeId = fabric.next(request, tried)) {
      const call = fabric.newCall(nodeId);
      const answer = await fabric.start(call, 'stream', request, options);
      if (call.done) {
        // Closed meanwhile (SESSION_ENDED), or the node was lost after the start reached it.
        fabric.calls.delete(call.callId);
        await this.#use('stream()');
        throw call.failure;
      }
      if (answer.ok !== true) {
        fabric.calls.delete(call.callId);
        const reason = reasonOf(answer);
        tried.push({ node_id: nodeId, reason });
        if (TRY_NEXT.has(reason)) continue;
        return { ok: false, rejection: answer.rejection as AdmissionRejection };
      }
      const ref = String(answer.execution_ref);
      const stream = call.openStream(ref, this.#options.streamWindow);
      this.#refs.set(ref, nodeId);
      call.result.then(() => {
        fabric.calls.delete(call.callId);
        this.#refs.delete(ref);
      });
      const signal = options.signal;
      if (signal) {
        const abort = () => void this.cancel(ref).catch(() => {});
        if (signal.aborted) abort();
        else {
          signal.addEventListener('abort', abort, { once: true });
          call.result.then(() => signal.removeEventListener('abort', abort));
        }
      }
      return { ok: true, events: stream };
    }
    return { ok: false, rejection: noNode(request, tried) };
  }

  /** Cancels on the node running `ref` (every live node is asked for a ref this client did not start). */
  async cancel(ref: ExecutionRef | string): Promise<Verdict<'cancelled', boolean>> {
    const fabric = await this.#use('cancel()');
    const id = typeof ref === 'string' ? ref : ref.ref;
    const known = this.#refs.get(id);
    const nodes = known ? [known] : fabric.directory.live().map((e) => e.node_id);
    const answers = await Promise.all(
      nodes.map((nodeId) => fabric.ask(nodeId, 'cancel', { execution_ref: id }).catch(() => undefined)),
    );
    const verdicts = answers.filter((a) => a !== undefined) as Array<Verdict<'cancelled', boolean>>;
    return (
      verdicts.find((v) => v.ok) ??
      verdicts[0] ?? {
        ok: false,
        rejection: createRejection('unknown_execution_ref', 'execution ref is not known to any live node', {
          nodes,
        }),
      }
    );
  }

  /**
   * Reads the fleet's evidence from the JetStream stream: every record stored so far (or those of
   * one execution), grouped by `execution_ref` (`''` for records without one), each group in the
   * order its node emitted it.
   */
  async readEvidence(options: { readonly executionRef?: string } = {}): Promise<Map<string, Evidence[]>> {
    const fabric = await this.#use('readEvidence()');
    return readFleetEvidence(
      fabric.nc,
      fabric.nats,
      this.#options.evidenceStream,
      this.#options.subjectPrefix,
      options.executionRef,
    );
  }

  /**
   * Closes the client (idempotent): calls in flight end `failed` with `SESSION_ENDED` and are
   * cancelled on their nodes; later calls reject with `SESSION_ENDED`.
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      const fabric = await this.#fabric.catch(() => undefined);
      await fabric?.close(
        new ExecutionError('SESSION_ENDED', 'the FleetClient was closed by the caller', {
          failureClass: 'cancellation',
        }),
      );
    })();
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #use(call: string): Promise<FleetFabric> {
    if (this.#closed) {
      throw new ExecutionError('SESSION_ENDED', `Cannot ${call}: the FleetClient was closed by the caller`, {
        failureClass: 'cancellation',
      });
    }
    return this.#fabric;
  }
}

function reasonOf(answer: Record<string, unknown>): string {
  const rejection = answer.rejection as { reason?: unknown } | null | undefined;
  return typeof rejection?.reason === 'string' ? rejection.reason : 'invalid_answer';
}

function noNode(request: AdmissionRequestInput, tried: readonly NodeRefusal[]): AdmissionRejection {
  const why = tried.length === 0 ? 'no live node' : tried.map((t) => `${t.node_id}: ${t.reason}`).join('; ');
  return createRejection(
    'no_satisfying_attested_target',
    `no node of the fleet satisfies the request (${why})`,
    { nodes: tried.map((t) => ({ ...t })) },
    typeof request?.request_id === 'string' ? request.request_id : null,
  );
}
