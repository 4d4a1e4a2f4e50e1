import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One recorded answer of the reference (see scripts/reference/README.md). */
export type ReferenceFact = {
  id: string;
  tag: string;
  input: string;
} & ({ ok: true; json: string } | { ok: false; stage: 'json' | 'contract' | 'crash'; error: string });

const FACTS_DIR = join(import.meta.dirname, '../../../fixtures/reference/contracts');

/** Every recorded contract fact, shard by shard (one gzip'd JSON-lines file per tag). */
export function loadReferenceFacts(): ReferenceFact[] {
  const facts: ReferenceFact[] = [];
  for (const file of readdirSync(FACTS_DIR).sort()) {
    if (!file.endsWith('.jsonl.gz')) continue;
    const text = gunzipSync(readFileSync(join(FACTS_DIR, file))).toString('utf8');
    for (const line of text.split('\n')) if (line !== '') facts.push(JSON.parse(line) as ReferenceFact);
  }
  return facts;
}
