/**
 * Generates node admission scenarios for the reference differential (see README.md):
 * mutations of every field of a governed `Admission.Request` — dropped, nulled, retyped,
 * emptied, boundary values, unicode, big numbers, unknown keys, wrong versions, timestamps —
 * against three node configurations: `governed` (lane, verifiers and a target registered,
 * registration complete), `direct` (the lane only) and `bare` (nothing registered).
 *
 *   npx esbuild scripts/reference/generate-admission.ts --bundle --platform=node --format=esm --outfile=/tmp/gen-adm.mjs
 *   node /tmp/gen-adm.mjs /tmp/admission-cases.jsonl
 */
import { writeFileSync } from 'node:fs';
import { GENERIC_VALUES, INTEGER_VALUES, KEY_VALUES, TIMESTAMP_VALUES } from './mutation-values.js';
import { cloneTree, RawJson, type Tree, writeTree } from './raw-json.js';

type Config = 'governed' | 'direct' | 'bare';
type Case = { id: string; config: Config; input: string };

/** A request the governed node accepts. */
export const BASE_REQUEST: { [key: string]: Tree } = {
  contract_version: 1,
  request_id: 'adm-base',
  lane_id: 'process',
  operation: 'run',
  payload: { command: 'echo', args: ['hi'] },
  authority_ref: {
    contract_version: 1,
    ref: 'allow',
    payload_hash: 'sha256:p',
    audience: 'node',
    issued_at: '2026-01-01T00:00:00Z',
    expires_at: '2999-01-01T00:00:00Z',
    metadata: { k: 'v' },
  },
  sandbox_profile: { contract_version: 1, profile_ref: 'sandbox://p', bundle_hash: 'sha256:b', metadata: {} },
  acceptable_attestation: { classes: ['local-erlexec-weak'], priority_order: ['local-erlexec-weak'] },
  placement: { surface_kind: 'local', family: 'local', metadata: {} },
  constraints: [],
  provenance: { contract_version: 1, kind: 'node_admitted', owner: null, admission_ref: null, details: {} },
  metadata: {},
};

const DROP = Symbol('drop');
type Value = Tree | typeof DROP;

function setPath(tree: { [key: string]: Tree }, path: readonly string[], value: Value): Tree {
  const out = cloneTree(tree) as { [key: string]: Tree };
  let at: { [key: string]: Tree } = out;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next) || next instanceof RawJson)
      return out;
    at = next as { [key: string]: Tree };
  }
  const last = path.at(-1) as string;
  if (value === DROP) delete at[last];
  else at[last] = value;
  return out;
}

const NESTED: Record<string, readonly string[]> = {
  payload: ['command', 'args'],
  authority_ref: [
    'contract_version',
    'ref',
    'payload_hash',
    'audience',
    'issued_at',
    'expires_at',
    'metadata',
  ],
  sandbox_profile: ['contract_version', 'profile_ref', 'bundle_hash', 'metadata'],
  acceptable_attestation: ['classes', 'priority_order'],
  placement: ['surface_kind', 'family', 'metadata'],
  provenance: ['contract_version', 'kind', 'owner', 'admission_ref', 'details'],
};

function paths(): string[][] {
  const out: string[][] = [];
  for (const key of Object.keys(BASE_REQUEST)) {
    out.push([key]);
    for (const inner of NESTED[key] ?? []) out.push([key, inner]);
  }
  return out;
}

const SPECIAL: Record<string, ReadonlyArray<readonly [string, Tree]>> = {
  contract_version: [
    ...INTEGER_VALUES,
    ['v-2', 2],
    ['v-string-1', '1'],
    ['v-string-01', '01'],
    ['v-string-1x', '1x'],
    ['v-string-2', '2'],
  ],
  lane_id: [
    ['lane-http', 'http'],
    ['lane-upper', 'PROCESS'],
    ['lane-space', 'process '],
  ],
  'authority_ref.ref': [
    ['deny', 'deny'],
    ['allow-upper', 'ALLOW'],
  ],
  'provenance.kind': [
    ['direct', 'direct_lower_lane_owner'],
    ['kind-other', 'other'],
  ],
  'acceptable_attestation.classes': [
    ['other-class', ['remote-strong']],
    ['two-classes', ['remote-strong', 'local-erlexec-weak']],
    ['dup-class', ['local-erlexec-weak', 'local-erlexec-weak']],
  ],
  'acceptable_attestation.priority_order': [
    ['other-priority', ['remote-strong']],
    ['empty-priority', []],
  ],
};

/** Every scenario, deterministic. */
export function generateAdmissionCases(): Case[] {
  const cases: Case[] = [];
  const add = (id: string, config: Config, tree: Tree) => cases.push({ id, config, input: writeTree(tree) });
  for (const config of ['governed', 'direct', 'bare'] as const) add(`${config}/base`, config, BASE_REQUEST);
  add(
    'governed/direct-provenance',
    'governed',
    setPath(BASE_REQUEST, ['provenance', 'kind'], 'direct_lower_lane_owner'),
  );
  for (const path of paths()) {
    const name = path.join('.');
    const values: Array<readonly [string, Value]> = [
      ['drop', DROP],
      ...GENERIC_VALUES,
      ...(SPECIAL[name] ?? []),
      ...(path.at(-1)?.endsWith('_at') ? TIMESTAMP_VALUES.map((t, i) => [`ts-${i}`, t] as const) : []),
      ...(path.at(-1) === 'contract_version' && path.length > 1 ? INTEGER_VALUES : []),
    ];
    for (const [label, value] of values) {
      add(`governed/${name}/${label}`, 'governed', setPath(BASE_REQUEST, path, value));
    }
    // The direct path reads fewer fields: every top-level mutation again, with direct provenance.
    if (path.length === 1 && path[0] !== 'provenance') {
      const direct = setPath(BASE_REQUEST, ['provenance', 'kind'], 'direct_lower_lane_owner') as {
        [key: string]: Tree;
      };
      for (const [label, value] of values)
        add(`direct/${name}/${label}`, 'direct', setPath(direct, path, value));
    }
  }
  for (const key of KEY_VALUES) {
    add(`governed/unknown-key/${key}`, 'governed', { ...BASE_REQUEST, [key]: 1 });
    add(
      `governed/authority_ref.unknown-key/${key}`,
      'governed',
      setPath(BASE_REQUEST, ['authority_ref', key], 1),
    );
  }
  for (const [label, tree] of [
    ['array', [] as Tree],
    ['string', 'x'],
    ['number', 1],
    ['null', null],
    ['empty', {}],
    ['lane-only', { lane_id: 'process' }],
  ] as const) {
    for (const config of ['governed', 'direct', 'bare'] as const)
      add(`${config}/whole/${label}`, config, tree);
  }
  return cases;
}

const out = process.argv[2];
if (out) {
  const cases = generateAdmissionCases();
  writeFileSync(out, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  console.log(`${cases.length} admission cases -> ${out}`);
}
