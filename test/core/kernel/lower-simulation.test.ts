import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../src/core/contracts/codec.js';
import { contractFixtures as f } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { canonicalJson } from '../../../src/core/contracts/primitives/canonical-json.js';
import type { JsonMap } from '../../../src/core/contracts/primitives/json-value.js';
import { evidenceBoundaryFromOutcome } from '../../../src/core/contracts/v1/evidence-boundary-from-outcome.js';
import { defaultLowerBoundaryPolicy } from '../../../src/core/contracts/v1/no-egress-policy-v1.js';
import { createKernel } from '../../../src/core/kernel/kernel.js';
import type { KernelLaneBinding } from '../../../src/core/kernel/kernel-lane.js';
import { recordingLane } from './recording-lane.js';

const NOW = Date.parse('2026-04-10T11:00:00Z');
const PROMPT = 'raw input is hashed only in evidence';
const STDIN = 'raw stdin is hashed only in evidence';

function setup() {
  const http = recordingLane('http');
  const process = recordingLane('process');
  const jsonrpc = recordingLane('jsonrpc');
  const bindings: KernelLaneBinding[] = [
    { protocol: 'http', lane: http.lane, toPayload: () => ({}) },
    { protocol: 'process', lane: process.lane, toPayload: () => ({}) },
    { protocol: 'jsonrpc', lane: jsonrpc.lane, toPayload: () => ({}) },
  ];
  const starts = () => [...http.starts, ...process.starts, ...jsonrpc.starts];
  return { kernel: createKernel({ lanes: bindings }), starts };
}

const httpIntent = () => ({ ...f.httpExecutionIntent, body: { prompt: PROMPT } });
const httpRoute = (simulation: unknown) => ({
  ...f.httpExecutionRoute,
  resolved_target: {
    url: 'http://127.0.0.1:1/should-not-egress',
    method: 'POST',
    lower_simulation: simulation,
  },
});
const processIntent = () => ({
  ...f.processExecutionIntent,
  command: 'execution-plane-command-must-not-exist',
  stdin: STDIN,
});
const processRoute = (simulation: unknown) => ({
  ...f.processExecutionRoute,
  resolved_target: { target_id: 'process-simulation', lower_simulation: simulation },
});

const httpSimulation = {
  scenario_ref: 'lower-simulation://http/success',
  side_effect_policy: 'deny_external_egress',
  no_egress_policy: defaultLowerBoundaryPolicy(),
  raw_payload: {
    status_code: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"provider_wire":true}',
  },
};

function sha256Of(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

describe('route-configured lower simulation', () => {
  it('returns the scripted http raw payload plus bounded evidence, with no egress', async () => {
    const { kernel, starts } = setup();
    const result = await kernel.execute(httpIntent(), httpRoute(httpSimulation), { now: NOW });
    expect(starts()).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.outcome).toMatchObject({
      status: 'succeeded',
      family: 'http',
      raw_payload: httpSimulation.raw_payload,
    });
    expect(result.events.map((e) => e.event_type)).toEqual(['dispatch.started', 'dispatch.completed']);

    const [artifact] = result.outcome.artifacts as JsonMap[];
    expect(artifact).toMatchObject({
      artifact_ref: 'artifact://execution-plane/lower-simulation/route-1',
      kind: 'lower_simulation_evidence',
      contract_version: 'ExecutionPlane.LowerSimulationEvidence.v1',
      no_egress_policy_ref: 'no-egress-policy://execution-plane/lower/v1',
      negative_evidence_refs: [
        'attempted_raw_external_saas_write_path',
        'attempted_unregistered_provider_route',
      ],
    });
    const evidence = decodeContract(artifact?.evidence, 'ExecutionPlane.LowerSimulationEvidence.v1');
    expect(evidence).toMatchObject({
      scenario_ref: 'lower-simulation://http/success',
      side_effect_policy: 'deny_external_egress',
      side_effect_result: 'not_attempted',
      outcome_status: 'succeeded',
      raw_payload_shape: ['body', 'headers', 'status_code'],
      lineage: f.httpExecutionRoute.lineage,
    });
    const input = {
      family: 'http',
      request_shape: 'request_response',
      stream_mode: 'unary',
      headers: { accept: 'application/json' },
      body: { prompt: PROMPT },
    };
    expect(evidence.input_fingerprint).toEqual({
      sha256: sha256Of(input),
      byte_size: Buffer.byteLength(canonicalJson(input)),
    });
    expect(evidence.output_fingerprint.sha256).toBe(sha256Of(httpSimulation.raw_payload));
    expect(evidence.input_fingerprint).not.toHaveProperty('body');
    expect(JSON.stringify(artifact)).not.toContain(PROMPT);
  });

  it('feeds an evidence boundary that never holds the raw payload', async () => {
    const { kernel } = setup();
    const { outcome } = await kernel.execute(httpIntent(), httpRoute(httpSimulation), { now: NOW });
    const evidence = (outcome.artifacts[0] as JsonMap).evidence;
    const boundary = evidenceBoundaryFromOutcome(outcome, { lowerSimulationEvidence: evidence });
    expect(boundary.bounded_exit_code_or_response_shape).toMatchObject({ status_code: 200, family: 'http' });
    expect(encodeContract(boundary)).not.toContain('provider_wire');
  });

  it('blocks an invalid http descriptor before dispatch', async () => {
    const { kernel, starts } = setup();
    const result = await kernel.execute(
      httpIntent(),
      httpRoute({ raw_payload: { status_code: 200, headers: {}, body: 'ignored' } }),
      { now: NOW },
    );
    expect(starts()).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.outcome.failure).toMatchObject({
      failure_class: 'route_unresolved',
      reason: 'invalid lower simulation route',
    });
    expect(result.outcome.raw_payload).toEqual({
      error: 'missing_required_lower_simulation_key: scenario_ref',
      side_effect_result: 'blocked_before_dispatch',
    });
    expect(result.outcome.artifacts).toEqual([]);
    expect(result.events.at(-1)).toMatchObject({
      event_type: 'dispatch.failed',
      payload: { failure_class: 'route_unresolved' },
    });
  });

  it('skips process spawn and keeps the process raw payload, hashing stdin only', async () => {
    const { kernel, starts } = setup();
    const simulation = {
      scenario_ref: 'lower-simulation://process/success',
      side_effect_policy: 'deny_process_spawn',
      no_egress_policy: defaultLowerBoundaryPolicy(),
      raw_payload: { stdout: '{"jsonrpc":"2.0","result":{"ok":true}}', stderr: '', exit: { code: 0 } },
    };
    const result = await kernel.execute(processIntent(), processRoute(simulation), { now: NOW });
    expect(starts()).toEqual([]);
    expect(result.outcome).toMatchObject({ status: 'succeeded', family: 'process' });
    expect(result.outcome.raw_payload.stdout).toContain('"ok":true');
    const artifact = result.outcome.artifacts[0] as JsonMap;
    const evidence = artifact.evidence as JsonMap;
    expect(evidence).toMatchObject({
      side_effect_policy: 'deny_process_spawn',
      side_effect_result: 'not_attempted',
    });
    expect(evidence.input_fingerprint).not.toHaveProperty('stdin');
    expect(JSON.stringify(artifact)).not.toContain(STDIN);
    expect(artifact.no_egress_policy_ref).toBe('no-egress-policy://execution-plane/lower/v1');
  });

  it('blocks a process descriptor whose no-egress policy is invalid', async () => {
    const { kernel, starts } = setup();
    const result = await kernel.execute(
      processIntent(),
      processRoute({
        scenario_ref: 'lower-simulation://process/invalid',
        no_egress_policy: {
          ...defaultLowerBoundaryPolicy(),
          required_negative_evidence: ['attempted_unregistered_provider_route'],
        },
        raw_payload: { stdout: '', stderr: '', exit: { code: 0 } },
      }),
      { now: NOW },
    );
    expect(starts()).toEqual([]);
    expect(result.outcome.failure?.failure_class).toBe('route_unresolved');
    expect(result.outcome.raw_payload.side_effect_result).toBe('blocked_before_dispatch');
    expect(result.outcome.raw_payload.error).toContain('required_negative_evidence');
  });

  it.each([
    ['a non-map descriptor', 'yes', 'invalid_lower_simulation_descriptor: "yes"'],
    [
      'an unsupported status',
      { ...httpSimulation, status: 'flaky' },
      'unsupported_lower_simulation_status: "flaky"',
    ],
    ['a non-map metrics', { ...httpSimulation, metrics: 5 }, 'invalid_lower_simulation_metrics: 5'],
    [
      'a success carrying a failure',
      { ...httpSimulation, failure: { failure_class: 'timeout' } },
      'successful_lower_simulation_cannot_have_failure',
    ],
    [
      'a bad failure class',
      { ...httpSimulation, status: 'failed', failure: { failure_class: 'boom' } },
      'invalid_lower_simulation_failure: unknown failure_class: "boom"',
    ],
    [
      'no policy',
      { ...httpSimulation, no_egress_policy: undefined },
      'missing_required_lower_simulation_key: no_egress_policy',
    ],
    [
      'the wrong side-effect policy',
      { ...httpSimulation, side_effect_policy: 'deny_process_spawn' },
      'invalid_lower_simulation_side_effect_policy: "deny_process_spawn" (expected "deny_external_egress")',
    ],
    [
      'an empty payload key',
      { ...httpSimulation, raw_payload: { '': 1 } },
      'invalid_lower_simulation_evidence',
    ],
  ])('blocks %s', async (_name, simulation, reason) => {
    const { kernel, starts } = setup();
    // An undefined policy is dropped when the route is decoded, so the key is missing.
    const result = await kernel.execute(httpIntent(), httpRoute(simulation), { now: NOW });
    expect(starts()).toEqual([]);
    expect(String(result.outcome.raw_payload.error)).toContain(reason);
  });

  it('plays a scripted failure with the default transport failure', async () => {
    const { kernel } = setup();
    const result = await kernel.execute(httpIntent(), httpRoute({ ...httpSimulation, status: 'failed' }), {
      now: NOW,
    });
    expect(result.ok).toBe(false);
    expect(result.outcome.failure).toMatchObject({
      failure_class: 'transport_failed',
      reason: 'simulated failure',
    });
    expect(result.outcome.artifacts).toHaveLength(1);
    expect(result.events.at(-1)?.event_type).toBe('dispatch.failed');
  });

  it('fails closed for a protocol it cannot simulate instead of doing real I/O', async () => {
    const { kernel, starts } = setup();
    const route = {
      ...f.jsonrpcExecutionRoute,
      resolved_target: { ...f.jsonrpcExecutionRoute.resolved_target, lower_simulation: httpSimulation },
    };
    const result = await kernel.execute(f.jsonrpcExecutionIntent, route, { now: NOW });
    expect(starts()).toEqual([]);
    expect(result.outcome.raw_payload.error).toBe('unsupported_lower_simulation_protocol: jsonrpc');
  });

  it('needs no registered lane to simulate', async () => {
    const result = await createKernel().execute(httpIntent(), httpRoute(httpSimulation), { now: NOW });
    expect(result.ok).toBe(true);
  });
});
