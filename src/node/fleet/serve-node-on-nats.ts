import type { Msg, Subscription } from '@nats-io/transport-node';
import * as z from 'zod/mini';
import type { RuntimeClient } from '../../core/contracts/boundary/boundary-interfaces.js';
import { invalidOptions } from '../../core/errors.js';
import { parseOptions } from '../../core/parse-options.js';
import { count } from '../../internal/option-schemas.js';
import { viewAs } from '../principal.js';
import type { RuntimeNode } from '../runtime-node.js';
import { DescriptorPublisher } from './descriptor-publisher.js';
import { FLEET_DEFAULTS, type FleetConnectionOptions, fleetConnectionShape } from './fleet-options.js';
import { NODE_ID_PATTERN } from './fleet-protocol.js';
import { ensureEvidenceStream, JetStreamEvidenceSink } from './jetstream-evidence-sink.js';
import { connectFabric, decodeJson, encodeJson, whenJetStreamReady } from './nats-connect.js';
import { ServedCall } from './served-call.js';

/**
 * Options of `serveNodeOnNats(node, options)`: the fabric (shared with `FleetClient`) and this
 * node's place on it. An unknown key is a compile-time error and, at run time, `INVALID_OPTIONS`
 * naming the key and the nearest known one — before any connection is made.
 */
export interface NatsNodeOptions extends FleetConnectionOptions {
  /**
   * The node's id on the fabric (one subject token: letters, digits, `_`, `-`).
   * @defaultValue the node's own `nodeId`
   */
  readonly nodeId?: string | undefined;
  /**
   * Publish every evidence record of the node to the fleet's JetStream stream (created when
   * missing), deduplicated by evidence id.
   * @defaultValue false
   */
  readonly evidence?: boolean | undefined;
  /**
   * Calls (executions and streams) the node runs for the fabric at once (a count from 1); past it
   * a call is refused with `capacity_exceeded` and the client tries another node.
   * @defaultValue 10_000
   */
  readonly maxCalls?: number | undefined;
  /**
   * Evidence records the JetStream sink holds while the fabric is away (a count from 1); past it
   * the node waits, bounded by its `sinkTimeoutMs`, before handing it the next record.
   * @defaultValue 100_000
   */
  readonly evidenceBacklog?: number | undefined;
}

// Call ids remembered after their call ended (a retried start older than that is not recognised).
const ENDED_CALLS_KEPT = 100_000;
// A short execution's result rides on the answer to its start (one round trip instead of two).
const INLINE_RESULT_MS = 50;

const NatsNodeOptionsSchema = z.strictObject({
  ...fleetConnectionShape,
  nodeId: z.optional(z.string().check(z.regex(NODE_ID_PATTERN))),
  evidence: z._default(z.boolean(), false),
  maxCalls: z._default(count(10_000_000, 1), FLEET_DEFAULTS.maxCalls),
  evidenceBacklog: z._default(count(100_000_000, 1), FLEET_DEFAULTS.evidenceBacklog),
});

/** A node served on the NATS fabric. */
export interface NatsNodeServer extends AsyncDisposable {
  /** The node's id on the fabric. */
  readonly nodeId: string;
  /** Calls running (or waiting for the caller's acknowledgement) now. */
  readonly calls: number;
  /**
   * Leaves the fleet: removes the node's descriptor, refuses new calls, cancels the calls in
   * flight (their callers get the `cancelled` results), stores the evidence backlog and drains
   * the connection. The node itself stays open. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Serves `node` to a fleet on NATS: answers `<prefix>.node.<nodeId>.*` requests, publishes the
 * node's descriptor and verified targets (lane, attestation classes, expiry) to the discovery
 * bucket every `heartbeatMs`, beats on every call it runs, and — with `evidence: true` — stores
 * the node's evidence in the fleet's JetStream stream. The fabric is not the authority: every
 * request still goes through the node's own admission (authority verifier included). Executions
 * started over the fabric belong to one principal, `nats`; a caller silent for
 * `heartbeatMs × missedHeartbeats` is gone and its executions are cancelled.
 *
 * @example
 * // doc-test: no-run — needs a NATS server
 * await using served = await serveNodeOnNats(node, { servers: 'nats://127.0.0.1:4222', evidence: true });
 */
export async function serveNodeOnNats(node: RuntimeNode, options: NatsNodeOptions): Promise<NatsNodeServer> {
  const parsed = parseOptions(NatsNodeOptionsSchema, options, 'serveNodeOnNats()');
  const nodeId = parsed.nodeId ?? node.nodeId;
  if (!NODE_ID_PATTERN.test(nodeId)) {
    throw invalidOptions(
      'nodeId',
      'one subject token ([A-Za-z0-9_-]{1,128})',
      JSON.stringify(nodeId),
      'serveNodeOnNats()',
    );
  }
  const { nc, nats } = await connectFabric(parsed, `execution-plane node ${nodeId}`);
  const client: RuntimeClient = viewAs(node, { id: 'nats', operator: false })?.client ?? node;
  const boundMs = parsed.heartbeatMs * parsed.missedHeartbeats;
  // How long a start may wait for a short execution's result to answer with it.
  const inlineMs = Math.min(INLINE_RESULT_MS, Math.floor(boundMs / 4));
  const calls = new Map<string, { call: ServedCall; answer: Promise<unknown> }>();
  // Ids of calls done or cancelled here, newest last (bounded), so a late retried start is refused.
  const ended = new Set<string>();
  const forget = (callId: string) => {
    calls.delete(callId);
    ended.add(callId);
    if (ended.size > ENDED_CALLS_KEPT) ended.delete(ended.values().next().value as string);
  };
  let closing = false;

  let sink: JetStreamEvidenceSink | undefined;
  if (parsed.evidence) {
    // Creating the manager asks for account info, which also waits for JetStream's leaders.
    const jsm = await whenJetStreamReady(() => nats.jetstreamManager(nc));
    await whenJetStreamReady(() =>
      ensureEvidenceStream(jsm, parsed.evidenceStream, parsed.subjectPrefix, parsed.replicas),
    );
    sink = new JetStreamEvidenceSink(
      nats.jetstream(nc),
      nats,
      parsed.subjectPrefix,
      nodeId,
      parsed.evidenceBacklog,
    );
    node.registerEvidenceSink(sink);
  }

  const publish = (inbox: string, frame: Record<string, unknown>) => {
    try {
      nc.publish(inbox, encodeJson(frame));
    } catch {
      // Closed connection: the caller's heartbeat bound reports it.
    }
  };

  const answer = (msg: Msg, value: unknown) => {
    try {
      msg.respond(encodeJson(value));
    } catch {
      // The connection is closing; the caller's request times out.
    }
  };

  async function start(p: Record<string, unknown>): Promise<unknown> {
    const callId = typeof p.call_id === 'string' ? p.call_id : '';
    const inbox = typeof p.inbox === 'string' ? p.inbox : '';
    if (!callId || !inbox) return { ok: false, error: 'start needs call_id and inbox' };
    if (ended.has(callId)) {
      // A start retried after its call was done or cancelled here: never run a call id twice.
      return {
        ok: false,
        rejection: {
          contract_version: 1,
          reason: 'call_ended',
          message: 'this call already ran on this node and ended',
          details: { call_id: callId },
          request_id: null,
        },
      };
    }
    const known = calls.get(callId);
    if (known) {
      // A retried start: same call, frames sent again.
      const value = await known.answer;
      known.call.resend(0);
      return value;
    }
    if (closing || calls.size >= parsed.maxCalls) {
      const reason = closing ? 'node_closed' : 'capacity_exceeded';
      return {
        ok: false,
        rejection: {
          contract_version: 1,
          reason,
          message: `fabric server: ${reason}`,
          details: {},
          request_id: null,
        },
      };
    }
    const call = new ServedCall(callId, inbox, publish);
    const timeoutMs = p.timeout_ms as number | null | undefined;
    const entry = { call, answer: Promise.resolve<unknown>({ ok: true }) };
    calls.set(callId, entry);
    if (p.mode === 'stream') {
      entry.answer = client
        .stream(p.request as never, timeoutMs === undefined ? {} : { timeoutMs })
        .then((verdict) => {
          if (!verdict.ok) {
            calls.delete(callId);
            return verdict;
          }
          call.stream(verdict.events);
          return { ok: true, execution_ref: verdict.events.executionRef };
        });
    } else {
      entry.answer = call.execute(client, p.request, timeoutMs, inlineMs);
    }
    return entry.answer;
  }

  function control(p: Record<string, unknown>): void {
    if (p.op === 'keep' && typeof p.calls === 'object' && p.calls !== null) {
      for (const [id, acked] of Object.entries(p.calls)) calls.get(id)?.call.keep(acked);
      return;
    }
    const entry = calls.get(String(p.call_id));
    if (!entry) return;
    const call = entry.call;
    if (p.op === 'pull') call.pull(p.credit, p.acked);
    else if (p.op === 'resend') call.resend(p.from);
    else if (p.op === 'close') call.closeEvents();
    else if (p.op === 'abort') call.abort();
    else if (p.op === 'done') forget(call.callId);
  }

  const subscription: Subscription = nc.subscribe(`${parsed.subjectPrefix}.node.${nodeId}.*`, {
    callback: (error, msg) => {
      if (error) return;
      const op = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
      const p = decodeJson(msg.data);
      if (op === 'ctl') return control(p);
      const work =
        op === 'describe'
          ? client.describe()
          : op === 'admit'
            ? client.admit(p.request as never)
            : op === 'cancel'
              ? client.cancel(String(p.execution_ref))
              : op === 'start'
                ? start(p)
                : Promise.resolve({ ok: false, error: `unknown op ${op}` });
      work.then(
        (value) => answer(msg, value),
        (error: unknown) => answer(msg, { ok: false, error: String((error as Error)?.message ?? error) }),
      );
    },
  });

  const publisher = await DescriptorPublisher.start(nc, nats, parsed, nodeId, node, () => calls.size);
  const beat = setInterval(() => {
    for (const entry of calls.values()) {
      const call = entry.call;
      if (call.beat(boundMs)) continue;
      // The caller is silent past the bound: it is gone (or has its result and said nothing).
      call.orphan(client);
      forget(call.callId);
    }
  }, parsed.heartbeatMs);
  beat.unref();
  // Make sure the subscription is known to the server before the node is announced.
  await nc.flush();
  await publisher.publish();

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing = true;
    closed ??= (async () => {
      await publisher.stop();
      for (const entry of calls.values()) entry.call.abort();
      for (const entry of calls.values())
        if (entry.call.executionRef) void client.cancel(entry.call.executionRef);
      const deadline = Date.now() + boundMs;
      while ([...calls.values()].some((e) => !e.call.ended) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      clearInterval(beat);
      subscription.unsubscribe();
      if (sink) {
        await node.flushEvidence();
        await sink.close();
      }
      await nc.drain().catch(() => {});
    })();
    return closed;
  };
  return {
    nodeId,
    get calls() {
      return calls.size;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
