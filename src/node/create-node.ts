import type { AdmissionDecision } from '../core/contracts/boundary/admission-decision.js';
import type {
  AdmissionRequestInput,
  AnyLane,
  AuthorityVerifier,
  EvidenceSink,
  ExecutionStream,
  RuntimeCallOptions,
  TargetClient,
  TargetVerifier,
  Verdict,
} from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionRef } from '../core/contracts/boundary/execution-ref.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { NodeDescriptor } from '../core/contracts/boundary/node-descriptor.js';
import { nodeAdmittedProvenance } from '../core/contracts/boundary/provenance.js';
import type { TargetDescriptor } from '../core/contracts/boundary/target-descriptor.js';
import { ExecutionError } from '../core/errors.js';
import { parseOptions } from '../core/parse-options.js';
import { unguessableId } from '../internal/ids.js';
import { createRedactor, type Redactor } from '../internal/redact.js';
import { type AdmissionEnv, type Admitted, admit, type Gated, type Refused } from './admission.js';
import { isThenable } from './bounded-call.js';
import { type CheckedCallOptions, checkCallOptions } from './call-options.js';
import { connectTarget } from './connect-target.js';
import { type DispatchEnv, dispatchExecute, dispatchStream, planOf } from './dispatch.js';
import { bareContext } from './evidence-context.js';
import { EvidenceEmitter } from './evidence-emitter.js';
import { rejectedResult } from './execution-results.js';
import { ExecutionTable, settledWithin } from './execution-table.js';
import { LocalTargetClient } from './local-target-client.js';
import { type NodeOptions, NodeOptionsSchema, type ResolvedNodeOptions } from './node-options.js';
import { NodeRegistry, requireShape } from './node-registry.js';
import { definePrincipalView, mayActOn, type Principal } from './principal.js';
import { redactRejection, redactResult } from './redact-results.js';
import { rejection } from './rejections.js';
import type { NodeStats, RuntimeNode } from './runtime-node.js';
import { targetPlanOf } from './target-plan.js';
import { defineTerminalTrail, type TerminalEvidenceType, TerminalTrail } from './terminal-trail.js';

/**
 * Creates a runtime node. Options are validated before anything else (`INVALID_OPTIONS` naming
 * the option, and the nearest known key for a typo).
 *
 * @example
 * await using node = createNode({ nodeId: 'node-a', allowDirect: false });
 * node.registerLane(processLane);
 * node.registerTargetVerifier(new LocalWeakVerifier());
 * node.registerAuthorityVerifier(myAuthority);
 * node.registerEvidenceSink(createJsonlEvidenceSink('evidence.jsonl'));
 * await node.connectTarget(mintLocalAttestation({ laneId: 'process' })); // an in-process target
 * node.completeRegistration();
 * const result = await node.execute({ lane_id: 'process', payload: { command: 'echo', args: ['ok'] }, … });
 */
export function createNode(options?: NodeOptions): RuntimeNode {
  return new Node(parseOptions(NodeOptionsSchema, options ?? {}, 'createNode()'));
}

class Node implements RuntimeNode {
  readonly nodeId: string;
  #options: ResolvedNodeOptions;
  #registry = new NodeRegistry();
  #evidence: EvidenceEmitter;
  #table: ExecutionTable;
  #direct: LocalTargetClient;
  #env: DispatchEnv;
  #redactor: Redactor;
  #reserved = 0;
  #admitted = 0;
  #rejected = 0;
  #closed = false;
  #closing: Promise<void> | undefined;
  #target: TargetClient | undefined;
  #admission: AdmissionEnv;
  // The call being admitted and whether its gate reserved a slot: admission asks the gate
  // synchronously, so one env serves every call (see #admit).
  #gating: CheckedCallOptions | null = null;
  #gateReserved = false;

  constructor(options: ResolvedNodeOptions) {
    this.#options = options;
    this.nodeId = options.nodeId ?? `node-${Date.now()}`;
    this.#redactor = createRedactor({ secrets: options.secrets });
    this.#evidence = new EvidenceEmitter(options.sinkTimeoutMs, options.sinkBacklog, this.#redactor);
    this.#table = new ExecutionTable(options.retainFinished);
    this.#direct = new LocalTargetClient({ maxResultEvents: options.maxResultEvents });
    this.#env = {
      evidence: this.#evidence,
      table: this.#table,
      redactor: this.#redactor,
      direct: this.#direct,
      authorityId: () => this.#registry.authorityVerifier?.verifierId ?? null,
    };
    this.#admission = {
      registry: this.#registry,
      evidence: this.#evidence,
      redactor: this.#redactor,
      allowDirect: options.allowDirect,
      verifierTimeoutMs: options.verifierTimeoutMs,
      gate: () => this.#gateCall(),
    };
    definePrincipalView(this, (principal) => ({
      client: {
        describe: () => this.describe(),
        admit: (request) => this.admit(request),
        execute: (request, options) => this.#execute(request, options, principal),
        stream: (request, options) => this.#stream(request, options, principal),
        cancel: (ref) => this.#cancel(ref, principal),
      },
      target: this.#targetRole(principal),
    }));
    const emitTerminal = (type: TerminalEvidenceType, ref: string, payload: Record<string, unknown>) =>
      this.#evidence.emit(type, bareContext(ref), payload, this.#env.authorityId());
    defineTerminalTrail(this, new TerminalTrail(emitTerminal));
  }

  registerLane(lane: AnyLane): void {
    this.#registry.registerLane(lane);
  }

  registerTargetVerifier(verifier: TargetVerifier): void {
    this.#registry.registerTargetVerifier(verifier);
  }

  registerEvidenceSink(sink: EvidenceSink): void {
    requireShape(sink, 'sink', 'sinkId', ['emit'], 'registerEvidenceSink()');
    this.#evidence.add(sink);
  }

  registerAuthorityVerifier(verifier: AuthorityVerifier): void {
    this.#registry.registerAuthorityVerifier(verifier);
  }

  completeRegistration(): void {
    this.#registry.registrationComplete = true;
  }

  connectTarget(
    attestation: unknown,
    client?: TargetClient,
  ): Promise<Verdict<'descriptor', TargetDescriptor>> {
    if (client !== undefined) {
      requireShape(client, 'client', null, ['execute', 'stream', 'cancel'], 'connectTarget()');
    }
    const target = client ?? this.#direct;
    return connectTarget(this.#registry, attestation, target, this.#options.verifierTimeoutMs);
  }

  async describe(): Promise<NodeDescriptor> {
    return this.#registry.describe(this.nodeId, {
      ...this.#options.metadata,
      allow_direct: this.#options.allowDirect,
    });
  }

  async admit(request: AdmissionRequestInput): Promise<Verdict<'decision', AdmissionDecision>> {
    const admission = await this.#admit(request, null);
    // Never the decoded request: a refusal echoes ids, not payloads.
    return admission.ok
      ? { ok: true, decision: admission.decision }
      : { ok: false, rejection: admission.rejection };
  }

  execute(request: AdmissionRequestInput, options?: RuntimeCallOptions): Promise<ExecutionResult> {
    return this.#execute(request, options, null);
  }

  stream(
    request: AdmissionRequestInput,
    options?: RuntimeCallOptions,
  ): Promise<Verdict<'events', ExecutionStream>> {
    return this.#stream(request, options, null);
  }

  cancel(ref: ExecutionRef | string): Promise<Verdict<'cancelled', boolean>> {
    return this.#cancel(ref, null);
  }

  // `principal` null: the in-process caller, who owns the node and reaches every execution. A
  // synchronous admission (the authority verifier answered at once) dispatches without a hop.
  #execute(
    request: AdmissionRequestInput,
    options: RuntimeCallOptions | undefined,
    principal: Principal | null,
  ): Promise<ExecutionResult> {
    try {
      const call = checkCallOptions(options);
      const admission = this.#admit(request, call);
      return isThenable(admission)
        ? admission.then((settled) => this.#dispatchExecute(settled, call, principal))
        : this.#dispatchExecute(admission, call, principal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #dispatchExecute(
    admission: Admitted | Refused,
    call: CheckedCallOptions,
    principal: Principal | null,
  ): Promise<ExecutionResult> {
    if (!admission.ok) {
      const provenance = admission.request?.provenance ?? nodeAdmittedProvenance();
      return Promise.resolve(
        redactResult(this.#redactor, rejectedResult(unguessableId('exec'), admission.rejection, provenance)),
      );
    }
    return dispatchExecute(this.#env, this.#planOf(admission, call, principal));
  }

  async #stream(
    request: AdmissionRequestInput,
    options: RuntimeCallOptions | undefined,
    principal: Principal | null,
  ): Promise<Verdict<'events', ExecutionStream>> {
    const call = checkCallOptions(options);
    const admission = await this.#admit(request, call);
    if (!admission.ok) return { ok: false, rejection: admission.rejection };
    return dispatchStream(this.#env, this.#planOf(admission, call, principal));
  }

  // Another principal's execution is refused exactly like a ref never seen: the answer does not
  // confirm that it exists, and no evidence is emitted for it.
  async #cancel(
    ref: ExecutionRef | string,
    principal: Principal | null,
  ): Promise<Verdict<'cancelled', boolean>> {
    const id = typeof ref === 'string' ? ref : (ref as { ref?: unknown } | null)?.ref;
    const found = typeof id === 'string' ? this.#table.get(id) : undefined;
    const record = found && mayActOn(found.owner, principal) ? found : undefined;
    if (!record) {
      return {
        ok: false,
        rejection: redactRejection(
          this.#redactor,
          rejection('unknown_execution_ref', null, {
            execution_ref: typeof id === 'string' ? id.slice(0, 256) : null,
          }),
        ),
      };
    }
    const running = record.status === 'running';
    this.#evidence.emit(
      'execution.cancelled',
      record.context,
      { execution_ref: record.ref, cancel_result: running ? 'cancelled' : 'already_finished' },
      this.#env.authorityId(),
    );
    if (running) {
      record.abort(
        new ExecutionError('CANCELLED', 'cancelled through the node', { failureClass: 'cancellation' }),
      );
      await record.settled();
    }
    return { ok: true, cancelled: running };
  }

  asTarget(): TargetClient {
    this.#target ??= this.#targetRole(null);
    return this.#target;
  }

  #targetRole(principal: Principal | null): TargetClient {
    return {
      describe: async () => ({ transport: 'node', node_id: this.nodeId }),
      execute: async (request, options) => {
        const planned = this.#targetPlan(request, options?.signal, principal);
        if (planned.ok) return dispatchExecute(this.#env, planned.plan);
        const provenance = planned.request?.provenance ?? nodeAdmittedProvenance();
        const refused = rejectedResult(
          planned.request?.execution_ref ?? unguessableId('exec'),
          planned.rejection,
          provenance,
        );
        return redactResult(this.#redactor, refused);
      },
      stream: async (request, options) => {
        const planned = this.#targetPlan(request, options?.signal, principal);
        if (planned.ok) return dispatchStream(this.#env, planned.plan);
        return { ok: false, rejection: redactRejection(this.#redactor, planned.rejection) };
      },
      cancel: (ref) => this.#cancel(ref, principal),
    };
  }

  stats(): NodeStats {
    return {
      in_flight: this.#table.runningCount,
      finished_retained: this.#table.finishedCount,
      admitted: this.#admitted,
      rejected: this.#rejected,
      evidence_emitted: this.#evidence.emitted,
      sinks: this.#evidence.stats(),
    };
  }

  flushEvidence(): Promise<void> {
    return this.#evidence.flush();
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= (async () => {
      // A drain: new work is already refused; what runs may finish within the grace.
      if (this.#options.closeGraceMs > 0)
        await settledWithin(this.#table.running(), this.#options.closeGraceMs);
      const running = this.#table.running();
      const reason = new ExecutionError('CANCELLED', 'node closed', { failureClass: 'cancellation' });
      for (const record of running) record.abort(reason);
      await Promise.all(running.map((record) => record.settled()));
      await this.#evidence.flush();
    })();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // Admission with the node's own gate. Dispatching calls (`call` given) reserve a slot in
  // `maxInFlight` until the execution is in the table, so concurrent admissions cannot overshoot.
  // The gate runs inside admit()'s synchronous part; the state it reads and writes is saved and
  // restored around the call, so a verifier that admits again from inside stays correct.
  #admit(input: unknown, call: CheckedCallOptions | null): Admitted | Refused | Promise<Admitted | Refused> {
    const outerCall = this.#gating;
    const outerReserved = this.#gateReserved;
    this.#gating = call;
    this.#gateReserved = false;
    let admission: Admitted | Refused | Promise<Admitted | Refused>;
    let reserved: boolean;
    try {
      admission = admit(input, this.#admission);
    } finally {
      reserved = this.#gateReserved;
      this.#gating = outerCall;
      this.#gateReserved = outerReserved;
    }
    return isThenable(admission)
      ? admission.then((settled) => this.#counted(settled, reserved))
      : this.#counted(admission, reserved);
  }

  #gateCall(): Gated | null {
    const call = this.#gating;
    if (call && !call.ok) return { reason: 'invalid_request', message: call.message };
    const refusal = this.#gate(call !== null);
    if (!refusal && call) {
      this.#reserved++;
      this.#gateReserved = true;
    }
    return refusal;
  }

  #counted(settled: Admitted | Refused, reserved: boolean): Admitted | Refused {
    if (settled.ok) this.#admitted++;
    else {
      this.#rejected++;
      if (reserved) this.#reserved--;
    }
    return settled;
  }

  #gate(dispatching: boolean): Gated | null {
    if (this.#closed) return { reason: 'node_closed' };
    if (dispatching && this.#table.runningCount + this.#reserved >= this.#options.maxInFlight) {
      return {
        reason: 'capacity_exceeded',
        message: `node is running its maximum of ${this.#options.maxInFlight} executions`,
      };
    }
    return null;
  }

  #planOf(admission: Admitted, call: CheckedCallOptions, principal: Principal | null) {
    this.#reserved--;
    return planOf(admission, this.#direct, call.ok ? call : {}, principal?.id ?? null);
  }

  #targetPlan(input: unknown, signal: AbortSignal | undefined, principal: Principal | null) {
    const gated = this.#gate(true);
    if (gated) {
      return {
        ok: false,
        rejection: rejection(gated.reason, null, {}, gated.message),
        request: null,
      } as const;
    }
    const planned = targetPlanOf(input, this.#registry, this.#direct, (ref) => {
      return this.#table.get(ref)?.status === 'running';
    });
    return planned.ok
      ? { ok: true as const, plan: { ...planned.plan, signal, owner: principal?.id ?? null } }
      : planned;
  }
}
