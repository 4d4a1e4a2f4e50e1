/**
 * Generates the differential contract cases: mutations of every field of the 20 V1 contracts
 * (and their fixture variants), seeded and deterministic. Writes JSON lines
 * `{"id","tag","input"}` where `input` is JSON text. See README.md.
 *
 *   node generate-cases.mjs <out.jsonl> [seed]
 */
import { writeFileSync } from 'node:fs';
import { contractFixtures } from '../../src/core/contracts/fixtures/contract-fixtures.js';
import { CONTRACT_VERSIONS } from '../../src/core/contracts/primitives/version-tags.js';
import { type Mutation, mutationsFor } from './mutations.js';
import { cloneTree, seededRandom, type Tree, writeTree } from './raw-json.js';

type Case = { id: string; tag: string; input: string };

const seed = Number(process.argv[3] ?? 12);
const random = seededRandom(seed);
const cases: Case[] = [];

for (const name of Object.keys(contractFixtures) as Array<keyof typeof contractFixtures>) {
  const base = contractFixtures[name] as unknown as { [key: string]: Tree };
  const tag = base.contract_version as string;
  if (!Object.values(CONTRACT_VERSIONS).includes(tag as never)) continue;
  const single = mutationsFor(base, tag);
  cases.push({ id: `${name}/base`, tag, input: writeTree(base) });
  for (const m of single)
    cases.push({ id: `${name}/${m.id}`, tag, input: writeTree(m.apply(cloneTree(base))) });
  // Two defects at once: which one the codec reports first is part of the wire behaviour.
  for (let i = 0; i < 60 && single.length > 1; i++) {
    const a = pick(single);
    const b = pick(single);
    if (a.path === b.path || a.path.startsWith(b.path) || b.path.startsWith(a.path)) continue;
    cases.push({
      id: `${name}/pair/${a.id}+${b.id}`,
      tag,
      input: writeTree(b.apply(a.apply(cloneTree(base)))),
    });
  }
}

const unique = new Map(cases.map((c) => [`${c.tag}\n${c.input}`, c]));
writeFileSync(
  process.argv[2] ?? '/dev/stdout',
  [...unique.values()].map((c) => `${JSON.stringify(c)}\n`).join(''),
);
console.error(`generated ${unique.size} cases (seed ${seed})`);

function pick(list: readonly Mutation[]): Mutation {
  return list[Math.floor(random() * list.length)] as Mutation;
}
