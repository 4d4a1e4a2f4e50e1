import type {
  AdmissionRequestInput,
  RuntimeCallOptions,
} from '../../core/contracts/boundary/boundary-interfaces.js';
import { ExecutionError } from '../../core/errors.js';
import { unguessableId } from '../../internal/ids.js';
import { openBucket } from './descriptor-publisher.js';
import { FleetCall } from './fleet-call.js';
import type { ResolvedFleetClientOptions } from './fleet-client-options.js';
import { FleetDirectory } from './fleet-directory.js';
import { aliveSubject, nodeSubject } from './fleet-protocol.js';
import { type NodeRefusal, planRoute } from './fleet-routing.js';
import { connectFabric, decodeJson, encodeJson, whenJetStreamReady } from './nats-connect.js';
import type { NatsConnection, NatsModules } from './nats-modules.js';

// Shortest wait for one try of a start, whatever the heartbeat (a loaded machine answers late).
const MIN_ATTEMPT_MS = 1_000;

/**
 * A fleet client's side of the fabric: its NATS connection, the directory of live nodes, one
 * inbox subscription for the frames of all its calls, the calls in flight, routing (the next node
 * to try, chosen and counted in one tick) and the heartbeat that fails silent calls and keeps the
 * others alive on their nodes.
 */
export class FleetFabric {
  readonly nc: NatsConnection;
  readonly nats: NatsModules;
  readonly directory: FleetDirectory;
  readonly calls = new Map<string, FleetCall>();
  readonly routed = new Map<string, number>();
  #options: ResolvedFleetClientOptions;
  #inbox: string;
  #chosenAt = new Map<string, number>();
  #chosen = 0;
  #timer: ReturnType<typeof setInterval>;
  #closed = false;

  private constructor(
    nc: NatsConnection,
    nats: NatsModules,
    directory: FleetDirectory,
    options: ResolvedFleetClientOptions,
  ) {
    this.nc = nc;
    this.nats = nats;
    this.directory = directory;
    this.#options = options;
    this.#inbox = nats.createInbox();
    nc.subscribe(aliveSubject(options.subjectPrefix, '*'), {
      callback: (error, msg) => {
        if (error) return;
        const beat = decodeJson(msg.data);
        directory.alive(String(beat.node_id), beat.in_flight);
      },
    });
    nc.subscribe(`${this.#inbox}.*`, {
      callback: (error, msg) => {
        if (error) return;
        this.calls.get(msg.subject.slice(this.#inbox.length + 1))?.frame(decodeJson(msg.data));
      },
    });
    this.#timer = setInterval(() => this.#tick(), options.heartbeatMs);
    this.#timer.unref();
  }

  /** Connects, opens the bucket and loads its nodes; rejects with `CONNECT_FAILED` & co. */
  static async open(options: ResolvedFleetClientOptions): Promise<FleetFabric> {
    const { nc, nats } = await connectFabric(options, 'execution-plane fleet client');
    try {
      const kv = await whenJetStreamReady(() => openBucket(nc, nats, options));
      const directory = new FleetDirectory(kv, options.missedHeartbeats);
      await directory.loaded();
      return new FleetFabric(nc, nats, directory, options);
    } catch (cause) {
      await nc.close().catch(() => {});
      throw new ExecutionError(
        'CONNECT_FAILED',
        `FleetClient: could not open the fleet's bucket: ${(cause as Error)?.message ?? cause}`,
        { failureClass: 'transport_failed', cause },
      );
    }
  }

  /** Calls this client has running on `nodeId` now. */
  callsOn(nodeId: string): number {
    let n = 0;
    for (const call of this.calls.values()) if (call.nodeId === nodeId) n++;
    return n;
  }

  /**
   * Waits, at most one heartbeat bound, until some node is live (the fabric reconnecting, or the
   * fleet starting); routing then refuses with what it finds.
   */
  async awaitLive(): Promise<void> {
    const until = Date.now() + this.#options.heartbeatMs * this.#options.missedHeartbeats;
    while (this.directory.live().length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, this.#options.heartbeatMs)));
    }
  }

  /**
   * The best satisfying node not tried yet, planned now: callers register their call in the same
   * tick, so concurrent calls see each other's in-flight counts and spread. Nodes passed over are
   * added to `tried` with their reason.
   */
  next(request: AdmissionRequestInput, tried: NodeRefusal[]): string | undefined {
    const plan = planRoute(
      this.directory.live(),
      request,
      (nodeId) => this.callsOn(nodeId),
      (nodeId) => this.#chosenAt.get(nodeId) ?? 0,
    );
    const skip = new Set(tried.map((t) => t.node_id));
    for (const refusal of plan.refusals) if (!skip.has(refusal.node_id)) tried.push(refusal);
    return plan.candidates.find((nodeId) => !skip.has(nodeId));
  }

  /** Registers a new call on `nodeId` (its frames are routed to it from now on). */
  newCall(nodeId: string): FleetCall {
    const entry = this.directory.get(nodeId);
    const boundMs = (entry?.heartbeat_ms ?? this.#options.heartbeatMs) * this.#options.missedHeartbeats;
    const call = new FleetCall(
      unguessableId('call'),
      nodeId,
      { control: (n, m) => this.control(n, m) },
      boundMs,
    );
    this.calls.set(call.callId, call);
    this.#chosenAt.set(nodeId, ++this.#chosen);
    this.routed.set(nodeId, (this.routed.get(nodeId) ?? 0) + 1);
    return call;
  }

  /**
   * Starts `call` on its node: the node's answer, or a refusal `unreachable` when no node
   * subscriber got it (the call may go to another node) — a start that went unanswered may have
   * reached the node, so the call fails `REMOTE_DISCONNECT` instead (outcome unknown). A start (or its answer) lost while the fabric reconnects is sent again with the same
   * call id (a node never runs a call id twice), each try bounded by the heartbeat bound; a node
   * without a subscriber (its server restarting, or the node dead) is tried for one bound.
   */
  async start(
    call: FleetCall,
    mode: 'execute' | 'stream',
    request: AdmissionRequestInput,
    options: RuntimeCallOptions,
  ): Promise<Record<string, unknown>> {
    const body = {
      call_id: call.callId,
      mode,
      request,
      inbox: `${this.#inbox}.${call.callId}`,
      ...(options.timeoutMs === undefined ? {} : { timeout_ms: options.timeoutMs }),
    };
    const started = Date.now();
    const deadline = started + this.#options.callTimeoutMs;
    let unanswered = false;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      try {
        const answer = await this.ask(
          call.nodeId,
          'start',
          body,
          Math.min(left, Math.max(call.boundMs, MIN_ATTEMPT_MS)),
        );
        const rejection = answer.rejection as { reason?: unknown } | undefined;
        if (rejection?.reason === 'call_ended') {
          // An earlier try reached the node, ran (or was cancelled there) and was forgotten.
          call.fail(
            new ExecutionError(
              'REMOTE_DISCONNECT',
              `node ${call.nodeId} ran this call while it could not answer: the outcome is unknown`,
              {
                failureClass: 'remote_disconnect',
                details: { node_id: call.nodeId, outcome_unknown: true },
              },
            ),
          );
        }
        return answer;
      } catch (error) {
        if (this.#closed || call.done) break;
        const message = String((error as Error)?.message);
        if (/timeout/i.test(message)) {
          unanswered = true;
          continue;
        }
        if (!/no responders/i.test(message) || Date.now() - started >= call.boundMs) break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, call.boundMs / 4)));
      }
    }
    if (unanswered && !call.done) {
      // A start that may have reached the node is never sent to another one: outcome unknown.
      call.fail(
        new ExecutionError(
          'REMOTE_DISCONNECT',
          `node ${call.nodeId} did not answer the start within ${this.#options.callTimeoutMs} ms: it may have started; the outcome is unknown`,
          {
            failureClass: 'remote_disconnect',
            details: { node_id: call.nodeId, outcome_unknown: true },
          },
        ),
      );
    }
    return { ok: false, rejection: { reason: 'unreachable' } };
  }

  /** A request to `nodeId` (`callTimeoutMs` unless said otherwise); its answer as a map. */
  async ask(
    nodeId: string,
    op: 'describe' | 'admit' | 'start' | 'cancel',
    body: unknown,
    timeoutMs = this.#options.callTimeoutMs,
  ): Promise<Record<string, unknown>> {
    const msg = await this.nc.request(
      nodeSubject(this.#options.subjectPrefix, nodeId, op),
      encodeJson(body),
      {
        timeout: timeoutMs,
      },
    );
    return decodeJson(msg.data);
  }

  /** A control message to `nodeId` (no answer). */
  control(nodeId: string, message: Record<string, unknown>): void {
    try {
      this.nc.publish(nodeSubject(this.#options.subjectPrefix, nodeId, 'ctl'), encodeJson(message));
    } catch {
      // Closed: the calls end through close().
    }
  }

  /** Ends every call with `error`, cancels them on their nodes, and drains the connection. */
  async close(error: ExecutionError): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    for (const call of this.calls.values()) {
      this.control(call.nodeId, { op: 'abort', call_id: call.callId });
      if (call.executionRef) {
        void this.ask(call.nodeId, 'cancel', { execution_ref: call.executionRef }).catch(() => {});
      }
      call.fail(error);
    }
    this.calls.clear();
    this.directory.stop();
    await this.nc.drain().catch(() => {});
  }

  // Every heartbeat: fail calls whose node went silent, and keep the others alive on their nodes.
  #tick(): void {
    const now = Date.now();
    const keeps = new Map<string, Record<string, number>>();
    for (const call of this.calls.values()) {
      if (!call.check(now)) continue;
      const keep = keeps.get(call.nodeId) ?? {};
      keep[call.callId] = call.acked;
      keeps.set(call.nodeId, keep);
    }
    for (const [nodeId, calls] of keeps) this.control(nodeId, { op: 'keep', calls });
  }
}
