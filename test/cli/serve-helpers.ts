import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, jsonLines, startCli, waitForStderr } from './helpers.js';

export const TOKEN = 'cli-test-token-1234';

/** A temp dir with a token file, a grants file and a config; returns the paths. */
export function writeServeFixture(extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ep-cli-'));
  writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
  writeFileSync(join(dir, 'grants.json'), JSON.stringify({ grants: [{ ref: 'grant://ci' }] }));
  const config = {
    nodeId: 'cli-node',
    auth: { tokens: [{ file: 'token', principal: 'ci' }] },
    lanes: ['process'],
    targets: [{ id: 'local-1', lane: 'process' }],
    authority: { kind: 'static-grants', grantsFile: 'grants.json' },
    evidence: { jsonl: { path: 'evidence.jsonl' } },
    drain: { graceMs: 5_000 },
    ...extra,
  };
  writeFileSync(join(dir, 'node.json'), JSON.stringify(config, null, 2));
  return { dir, config: join(dir, 'node.json'), evidence: join(dir, 'evidence.jsonl') };
}

/** Starts `node serve` and waits for its `listening` log line. */
export async function startServe(config: string, env: Record<string, string> = {}) {
  const child = startCli(['node', 'serve', '--config', config], env);
  await waitForStderr(child, (text) => text.includes('"msg":"listening"'));
  const listening = jsonLines(child.err).find((line) => line.msg === 'listening') as {
    url: string;
    port: number;
  };
  return { child, url: listening.url, port: listening.port, done: () => finished(child) };
}

/** A process-lane request admitted with the fixture's grant. */
export function processRequest(command: string, args: string[]) {
  return {
    lane_id: 'process',
    payload: { command, args },
    authority_ref: { ref: 'grant://ci' },
    acceptable_attestation: { classes: ['local-erlexec-weak'] },
  };
}
