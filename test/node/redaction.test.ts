/**
 * Issue #11, defect 4 (the node's part): credential values in evidence and refusals. 26 distinct
 * secrets are planted in every field a caller can set on an admission request and an execute call
 * — payload (argv, env, headers, cwd, stdin), provenance (owner, admission_ref, details), metadata
 * (idempotency fields), authority ref (ref, audience, metadata), sandbox profile, placement,
 * constraints, operation, a cancel ref — and none may appear in any result, event, error,
 * outcome, refusal, or evidence line (memory sink and JSONL file), in process and over a real
 * node server (raw WebSocket JSON-RPC; the server's JSON-RPC side is the test's mini peer).
 * Secrets under credential-looking names are found by name; the others are listed in `secrets`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuthorityVerifier } from '../../src/core/contracts/boundary/boundary-interfaces.js';
import { isExecutionError } from '../../src/core/errors.js';
import { createNode } from '../../src/node/create-node.js';
import { createJsonlEvidenceSink } from '../../src/node/jsonl-evidence-sink.js';
import { LocalWeakVerifier, mintLocalAttestation } from '../../src/node/local-weak-verifier.js';
import { createMemoryEvidenceSink } from '../../src/node/memory-evidence-sink.js';
import { RemoteRuntimeClient } from '../../src/node/remote-runtime-client.js';
import { serveNode, startNodeServer } from '../../src/node/serve-node.js';
import { processLane } from '../../src/process/index.js';
import { openMiniRpc } from '../fixtures/node/mini-rpc.js';

const dir = mkdtempSync(join(tmpdir(), 'ep-redact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = (name: string) => `s3cr3t-${name}-${randomBytes(6).toString('hex')}`;
// Under credential-looking names: withheld by name, never listed.
const named = {
  envToken: secret('env-token'),
  headerAuth: secret('x-auth-token'),
  apiKey: secret('api-key'),
  provenancePassword: secret('prov-password'),
  metadataSession: secret('session'),
  authoritySignature: secret('authority-signature'),
  sandboxCredential: secret('sandbox-credential'),
  placementPrivateKey: secret('placement-private-key'),
  constraintCookie: secret('constraint-cookie'),
  idempotencyKey: secret('idempotency-key'),
  nestedSecret: secret('nested-secret'),
};
// Under ordinary names: listed in the node's `secrets`.
const listed = {
  argv: secret('argv'),
  argvFlag: secret('argv-flag'),
  envGreeting: secret('env-greeting'),
  provenanceNote: secret('prov-note'),
  provenanceOwner: secret('prov-owner'),
  admissionRef: secret('admission-ref'),
  operation: secret('operation'),
  commandPath: secret('command-path'),
  badArgs: secret('bad-args'),
  cwd: secret('cwd'),
  authorityRef: secret('authority-ref'),
  audience: secret('audience'),
  idempotencyNonce: secret('idempotency-nonce'),
  cancelRef: secret('cancel-ref'),
  timeoutArgv: secret('timeout-argv'),
};
const SECRETS = [...Object.values(named), ...Object.values(listed)];

const authority: AuthorityVerifier = {
  verifierId: 'test-authority',
  verify: (ref) =>
    ref.audience === 'deny'
      ? {
          ok: false,
          rejection: {
            contract_version: 1,
            reason: 'authority_rejected',
            message: 'no',
            details: {},
            request_id: null,
          },
        }
      : { ok: true, claims: {} },
};

/** A request with secrets in every field a caller sets; `payload` is the lane's part. */
function plantedRequest(payload: Record<string, unknown>, audience = 'ok') {
  return {
    lane_id: 'process',
    operation: listed.operation,
    payload,
    authority_ref: {
      ref: listed.authorityRef,
      audience: audience === 'ok' ? listed.audience : audience,
      metadata: { signature: named.authoritySignature, note: listed.authorityRef },
    },
    sandbox_profile: {
      profile_ref: 'sandbox://test',
      bundle_hash: 'sha256:test',
      metadata: { credential: named.sandboxCredential },
    },
    acceptable_attestation: { classes: ['local-erlexec-weak'] },
    placement: { metadata: { private_key: named.placementPrivateKey } },
    constraints: [{ name: 'c', value: 1, metadata: { cookie: named.constraintCookie } }],
    provenance: {
      kind: 'node_admitted',
      owner: listed.provenanceOwner,
      admission_ref: listed.admissionRef,
      details: {
        password: named.provenancePassword,
        note: listed.provenanceNote,
        deep: { inner: { client_secret: named.nestedSecret } },
      },
    },
    metadata: {
      idempotency_key: named.idempotencyKey,
      idempotency_nonce: listed.idempotencyNonce,
      session_id: named.metadataSession,
    },
  };
}

const goodPayload = () => ({
  command: process.execPath,
  args: [
    '-e',
    'process.stdout.write("ok")',
    listed.argv,
    `--label=${listed.argvFlag}`,
    '--token',
    named.apiKey,
  ],
  env: { API_TOKEN: named.envToken, GREETING: listed.envGreeting },
});

async function plantedNode() {
  const node = createNode({ nodeId: 'redacting', secrets: Object.values(listed) });
  const memory = createMemoryEvidenceSink();
  const jsonlPath = join(dir, `evidence-${randomBytes(4).toString('hex')}.jsonl`);
  const jsonl = createJsonlEvidenceSink(jsonlPath);
  node.registerLane(processLane);
  node.registerTargetVerifier(new LocalWeakVerifier());
  node.registerAuthorityVerifier(authority);
  node.registerEvidenceSink(memory);
  node.registerEvidenceSink(jsonl);
  await node.connectTarget(mintLocalAttestation({ targetId: 'local-process', laneId: 'process' }));
  node.completeRegistration();
  return {
    node,
    async evidence() {
      await node.flushEvidence();
      await jsonl.close();
      return { records: JSON.stringify(memory.records), lines: readFileSync(jsonlPath, 'utf8') };
    },
  };
}

function leaks(text: string): string[] {
  return SECRETS.filter((value) => text.includes(value));
}

describe('no planted secret leaves the node (issue #11 defect 4, node part)', () => {
  it('plants 26 distinct secrets', () => {
    expect(new Set(SECRETS).size).toBe(26);
  });

  it('in process: results, events, refusals, errors and evidence (memory and JSONL) hold none of them', async () => {
    const { node, evidence } = await plantedNode();
    const seen: unknown[] = [];
    // A run that succeeds.
    const ok = await node.execute(plantedRequest(goodPayload()) as never);
    expect(ok.status).toBe('succeeded');
    seen.push(ok);
    // A command that does not exist (the path is echoed in the lane's failure).
    seen.push(await node.execute(plantedRequest({ command: `/nonexistent/${listed.commandPath}` }) as never));
    // A payload the lane refuses, its bad values echoed in the lane's INVALID_OPTIONS message.
    const refused = await node.execute(plantedRequest({ command: 'echo', args: listed.badArgs }) as never);
    expect(refused.status).toBe('rejected');
    seen.push(refused);
    seen.push(
      await node.execute(
        plantedRequest({ command: 'echo', cwd: 42, headers: { 'x-auth-token': named.headerAuth } }) as never,
      ),
    );
    // Input that does not decode, values echoed by the decoder.
    seen.push(await node.execute({ ...plantedRequest(goodPayload()), authority_ref: listed.cwd } as never));
    seen.push(await node.admit({ ...plantedRequest(goodPayload()), lane_id: listed.cwd } as never));
    // The authority refuses: the verdict carries the rejection only.
    const denied = await node.admit(plantedRequest(goodPayload(), 'deny') as never);
    expect(denied).toEqual({
      ok: false,
      rejection: expect.objectContaining({ reason: 'authority_rejected' }),
    });
    seen.push(denied);
    // A timeout, with the argv in flight.
    const slow = { ...goodPayload(), args: ['-e', 'setTimeout(() => {}, 5000)', listed.timeoutArgv] };
    seen.push(await node.execute(plantedRequest(slow) as never, { timeoutMs: 200 }));
    // A stream: every event and the result.
    const streamed = await node.stream(plantedRequest(goodPayload()) as never);
    if (!streamed.ok) throw new Error('stream refused');
    for await (const event of streamed.events) seen.push(event);
    seen.push(await streamed.events.result);
    // A cancel of a ref nobody knows.
    seen.push(await node.cancel(listed.cancelRef));
    // A thrown INVALID_OPTIONS for a secret too short to scrub names the option, not the value.
    try {
      createNode({ secrets: ['abc'] });
    } catch (error) {
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(String(error)).not.toContain('abc');
    }
    await node.close();
    const { records, lines } = await evidence();

    expect(leaks(JSON.stringify(seen))).toEqual([]);
    expect(leaks(records)).toEqual([]);
    expect(leaks(lines)).toEqual([]);
    // What was withheld is visibly withheld, and the evidence is still evidence.
    expect(lines.split('\n').filter(Boolean).length).toBeGreaterThan(15);
    expect(lines).toContain('"password":"[redacted]"');
    expect(lines).toContain('"note":"[redacted]"');
    expect(lines).toContain('execution.started');
  });

  it('over a real node server: admit refusals carry no request, and no answer or notification holds a secret', async () => {
    const { node, evidence } = await plantedNode();
    const server = await startNodeServer(node, { authenticate: () => 'alice' }, async () => openMiniRpc);
    const ws = new WebSocket(server.url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const frames: string[] = [];
    const answers = new Map<number, (frame: string) => void>();
    ws.on('message', (data) => {
      const frame = String(data);
      frames.push(frame);
      const id = (JSON.parse(frame) as { id?: number }).id;
      if (id !== undefined) answers.get(id)?.(frame);
    });
    let id = 0;
    const call = (method: string, params: unknown) =>
      new Promise<string>((resolve) => {
        answers.set(++id, resolve);
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      });
    try {
      const denied = JSON.parse(await call('node.admit', { request: plantedRequest(goodPayload(), 'deny') }));
      expect(Object.keys(denied.result)).toEqual(['ok', 'rejection']);
      await call('node.admit', { request: { ...plantedRequest(goodPayload()), lane_id: 7 } });
      await call('node.execute', { request: plantedRequest(goodPayload()) });
      await call('node.execute', {
        request: plantedRequest({ command: `/nonexistent/${listed.commandPath}` }),
      });
      await call('node.execute', { request: plantedRequest({ command: 'echo', args: listed.badArgs }) });
      const started = JSON.parse(await call('node.stream', { request: plantedRequest(goodPayload()) }));
      const ended = new Promise<void>((resolve) =>
        ws.on('message', (data) => String(data).includes('stream.end') && resolve()),
      );
      ws.send(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'stream.pull',
          params: { execution_ref: started.result.execution_ref, credit: 100 },
        }),
      );
      await ended;
      await call('node.cancel', { execution_ref: listed.cancelRef });
    } finally {
      ws.close();
      await server.close();
      await node.close();
    }
    const { records, lines } = await evidence();
    expect(frames.length).toBeGreaterThan(8);
    expect(leaks(frames.join('\n'))).toEqual([]);
    expect(leaks(records)).toEqual([]);
    expect(leaks(lines)).toEqual([]);
  });

  it('through the real transport (jsonrpc lane, RemoteRuntimeClient): no verdict, result or evidence holds a secret', async () => {
    // Needs the jsonrpc and websocket lanes.
    const { node, evidence } = await plantedNode();
    const server = await serveNode(node, { authenticate: () => true });
    const client = new RemoteRuntimeClient(server.url);
    const seen: unknown[] = [];
    try {
      seen.push(await client.admit(plantedRequest(goodPayload(), 'deny') as never));
      seen.push(await client.execute(plantedRequest(goodPayload()) as never));
      seen.push(
        await client.execute(plantedRequest({ command: `/nonexistent/${listed.commandPath}` }) as never),
      );
      seen.push(await client.cancel(listed.cancelRef));
    } finally {
      await client.close();
      await server.close();
      await node.close();
    }
    const { records, lines } = await evidence();
    expect(leaks(JSON.stringify(seen))).toEqual([]);
    expect(leaks(records + lines)).toEqual([]);
  });
});
