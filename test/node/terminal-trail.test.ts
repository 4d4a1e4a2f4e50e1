import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/core/contracts/boundary/evidence.js';
import { EVIDENCE_TYPES } from '../../src/node/evidence-emitter.js';
import {
  createJsonlEvidenceSink,
  createMemoryEvidenceSink,
  createNode,
  type MemoryEvidenceSink,
  RemoteRuntimeClient,
  serveNode,
} from '../../src/node/index.js';
import { openTerminal, type Terminal, terminals } from '../../src/terminal/index.js';
import { grantFor, revocationOf } from '../terminal/grants.js';

const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const token = 'trail-token';
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done().catch(() => {});
});

// Connections presenting the token act as the principal `alice`.
const asAlice = ({ headers }: { headers: { authorization?: string | undefined } }) =>
  headers.authorization === `Bearer ${token}` ? 'alice' : false;

async function serve(terminalsOption: boolean | { open: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'terminal-trail-'));
  const node = createNode();
  const memory = createMemoryEvidenceSink();
  const file = createJsonlEvidenceSink(join(dir, 'evidence.jsonl'));
  node.registerEvidenceSink(memory);
  node.registerEvidenceSink(file);
  const server = await serveNode(node, { authenticate: asAlice, terminals: terminalsOption });
  cleanup.push(async () => {
    await server.close();
    await node.close();
    await file.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const client = new RemoteRuntimeClient(server.url, { token });
  cleanup.push(() => client.close());
  await client.ready();
  // Every line of the JSONL sink, after the node handed it every record so far.
  const lines = async () => {
    await node.flushEvidence();
    return readFileSync(join(dir, 'evidence.jsonl'), 'utf8');
  };
  return { node, memory, client, lines };
}

function own(terminal: Terminal): Terminal {
  cleanup.push(() => terminal.close({ graceMs: 100 }));
  return terminal;
}

async function readUntil(source: AsyncIterable<string>, needle: string): Promise<void> {
  let seen = '';
  for await (const text of source) {
    seen += text;
    if (seen.includes(needle)) return;
  }
  throw new Error(`ended before ${needle}`);
}

/** The first record of `type` (matching `where`), waited for at most 3 s. */
async function record(
  sink: MemoryEvidenceSink,
  type: string,
  where: (payload: Record<string, unknown>) => boolean = () => true,
): Promise<Evidence & { payload: Record<string, unknown> }> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const found = sink.records.find((r) => r.evidence_type === type && where(r.payload ?? {}));
    if (found) return found as Evidence & { payload: Record<string, unknown> };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${type} record; saw ${sink.records.map((r) => r.evidence_type).join(', ')}`);
}

describe('the terminal trail in the node evidence', () => {
  it('records open, attach, input counts, detach and stop — and never what was typed', async () => {
    const { memory, client, lines } = await serve({ open: true });
    const info = await client.openTerminal(process.execPath, [consoleFixture], { id: 'trail-ops' });
    cleanup.push(() => terminals.stop('trail-ops'));
    const attachment = await client.attachTerminal('trail-ops', { mode: 'control' });
    await readUntil(attachment, 'console ready');
    const secret = 'hunter2-Typed-At-A-Prompt';
    await attachment.write(`${secret}\r`);
    await attachment.write('ls\r');
    await readUntil(attachment, 'echo: ls');
    // An in-process attach to a terminal the node opened is on the trail too.
    const local = terminals.get('trail-ops')?.attach();
    local?.detach();
    await attachment.detach();
    expect(await client.stopTerminal('trail-ops')).toBe(true);

    const opened = await record(memory, 'terminal.opened');
    expect(opened.execution_ref).toBe(info.execution_ref);
    expect(opened.payload).toMatchObject({ terminal_id: 'trail-ops', principal: 'alice', pid: info.pid });
    expect(opened.payload.launch_fingerprint).toMatchObject({ sha256: expect.stringMatching(/^sha256:/) });
    const attached = await record(memory, 'terminal.attached', (p) => p.transport === 'node');
    expect(attached.payload).toMatchObject({
      terminal_id: 'trail-ops',
      attach_id: attachment.attachId,
      mode: 'control',
      grant_ref: null,
      transport: 'node',
      principal: 'alice',
    });
    const detached = await record(memory, 'terminal.detached', (p) => p.attach_id === attachment.attachId);
    expect(detached.execution_ref).toBe(info.execution_ref);
    expect(detached.payload).toMatchObject({
      reason: 'detach',
      code: null,
      input_count: 2,
      input_bytes: secret.length + 1 + 3,
      dropped_bytes: 0,
    });
    expect(detached.payload.output_bytes).toBeGreaterThan('console ready'.length);
    expect(detached.payload.duration_ms).toBeGreaterThanOrEqual(0);
    const inProcess = await record(memory, 'terminal.attached', (p) => p.transport === 'in_process');
    expect(inProcess.payload).toMatchObject({ principal: null, mode: 'view' });
    expect(
      (await record(memory, 'terminal.detached', (p) => p.attach_id === inProcess.payload.attach_id)).payload,
    ).toMatchObject({ reason: 'detach', input_count: 0 });
    const stopped = await record(memory, 'terminal.stopped');
    expect(stopped.payload).toMatchObject({ terminal_id: 'trail-ops' });

    // Watched (the node opened it) and attached through the node: still one record per attachment.
    const forAttachment = memory.records.filter((r) => r.payload?.attach_id === attachment.attachId);
    expect(forAttachment.map((r) => r.evidence_type)).toEqual(['terminal.attached', 'terminal.detached']);
    const terminalTypes = EVIDENCE_TYPES.filter((type) => type.startsWith('terminal.'));
    expect(new Set(memory.records.map((r) => r.evidence_type))).toEqual(new Set(terminalTypes));
    // The secret typed as input is in no record: memory sink and JSONL lines alike.
    expect(JSON.stringify(memory.records)).not.toContain('hunter2');
    const written = await lines();
    expect(written.trimEnd().split('\n')).toHaveLength(memory.records.length);
    expect(written).not.toContain('hunter2');
  }, 20_000);

  it('records a revoked grant (ref only) and a dropped connection as the end reasons', async () => {
    const { memory, client } = await serve(true);
    const guarded = own(
      openTerminal(process.execPath, [consoleFixture], { id: 'trail-guarded', requireGrant: true }),
    );
    await guarded.ready();
    const grant = grantFor('trail-guarded', { ref: 'g-trail' });
    const holder = await client.attachTerminal('trail-guarded', { grant });
    await readUntil(holder, 'console ready');
    guarded.revoke(revocationOf('g-trail'));
    for await (const _ of holder) {
      // drain until the node says it ended
    }
    const attached = await record(memory, 'terminal.attached', (p) => p.attach_id === holder.attachId);
    expect(attached.execution_ref).toBe(guarded.ref);
    expect(attached.payload).toMatchObject({ grant_ref: 'g-trail', mode: 'view', principal: 'alice' });
    const revoked = await record(memory, 'terminal.detached', (p) => p.attach_id === holder.attachId);
    expect(revoked.payload).toMatchObject({ reason: 'revoked', code: 'ATTACH_REVOKED', input_count: 0 });
    // Only the grant's ref: none of its other parts (lease, idempotency key …) reach evidence.
    const everything = JSON.stringify(memory.records);
    for (const part of [grant.lease_ref, grant.idempotency_key, grant.authority_packet_ref]) {
      expect(everything).not.toContain(part);
    }
    // A terminal the node did not open: only its node attachments are on the trail, no open/stop.
    expect(memory.records.some((r) => r.evidence_type === 'terminal.opened')).toBe(false);

    const second = await client.attachTerminal('trail-guarded', {
      grant: grantFor('trail-guarded', { ref: 'g-second' }),
    });
    await readUntil(second, 'console ready');
    await client.close();
    const dropped = await record(memory, 'terminal.detached', (p) => p.attach_id === second.attachId);
    expect(dropped.payload).toMatchObject({ reason: 'connection_closed', code: null });
  }, 20_000);

  it('caps every string of a terminal record like every other record', async () => {
    const { memory, client } = await serve(true);
    const guarded = own(
      openTerminal(process.execPath, [consoleFixture], { id: 'trail-capped', requireGrant: true }),
    );
    await guarded.ready();
    const longRef = `g-${'x'.repeat(5_000)}`;
    const holder = await client.attachTerminal('trail-capped', {
      grant: grantFor('trail-capped', { ref: longRef }),
    });
    await holder.detach();
    const attached = await record(memory, 'terminal.attached', (p) => p.attach_id === holder.attachId);
    const ref = String(attached.payload.grant_ref);
    expect(ref.length).toBeLessThan(1_100);
    expect(ref).toMatch(/^g-x+…\[\+\d+ chars\]$/);
    await record(memory, 'terminal.detached', (p) => p.attach_id === holder.attachId);
  }, 20_000);
});
