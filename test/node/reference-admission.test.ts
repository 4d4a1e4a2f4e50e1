/**
 * Replays the reference node's admission answers (test/fixtures/reference/admission, recorded by
 * scripts/reference/record-admission.exs) against this node's admission. Every case agrees on
 * accept/reject and the rejection reason, or falls under a class of docs/contracts.md's table of
 * deliberate differences, checked case by case.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExactJson } from '../../src/core/contracts/primitives/exact-json.js';
import {
  createNode,
  LocalWeakVerifier,
  mintLocalAttestation,
  type RuntimeNode,
} from '../../src/node/index.js';
import { fakeLane, TestAuthority } from './fakes.js';

interface Fact {
  id: string;
  config: 'governed' | 'direct' | 'bare';
  input: string;
  ok: boolean;
  stage?: 'json' | 'decode' | 'admission' | 'crash';
  reason?: string;
  error?: string;
}

const facts: Fact[] = gunzipSync(
  readFileSync(new URL('../fixtures/reference/admission/admission.jsonl.gz', import.meta.url)),
)
  .toString('utf8')
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as Fact);

const nodes = {} as Record<Fact['config'], RuntimeNode>;

beforeAll(async () => {
  for (const config of ['governed', 'direct', 'bare'] as const) {
    const node = createNode({ nodeId: `ref-${config}` });
    if (config !== 'bare') node.registerLane(fakeLane());
    if (config === 'governed') {
      node.registerTargetVerifier(new LocalWeakVerifier());
      node.registerAuthorityVerifier(new TestAuthority());
      const connected = await node.connectTarget(
        mintLocalAttestation({ targetId: 'local-1', laneId: 'process' }),
      );
      if (!connected.ok) throw new Error('target did not connect');
      node.completeRegistration();
    }
    nodes[config] = node;
  }
});

type Answer = { ok: true } | { ok: false; reason: string; message: string };

async function ours(fact: Fact): Promise<Answer> {
  let input: unknown;
  try {
    input = parseExactJson(fact.input);
  } catch (error) {
    return { ok: false, reason: 'json', message: (error as Error).message };
  }
  const verdict = await nodes[fact.config].admit(input as never);
  if (verdict.ok) return { ok: true };
  return { ok: false, reason: verdict.rejection.reason as string, message: verdict.rejection.message ?? '' };
}

/** The reference's answer in the same words: `invalid_request` for input it could not decode. */
function theirs(fact: Fact): string {
  if (fact.ok) return 'accepted';
  if (fact.stage === 'json') return 'json';
  if (fact.stage === 'decode' || fact.stage === 'crash') return 'invalid_request';
  return fact.reason as string;
}

const BASE = JSON.parse(facts.find((f) => f.id === 'governed/base')?.input ?? '{}') as Record<
  string,
  unknown
>;

function at(tree: unknown, path: readonly string[]): unknown {
  let value = tree;
  for (const key of path) value = (value as Record<string, unknown> | null)?.[key];
  return value;
}

const typeOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'bigint' ? 'number' : typeof v;

/**
 * The row of docs/contracts.md's differences table a disagreement falls under, checked on the
 * case itself; `undefined` when none does.
 */
function classify(fact: Fact, ref: string, answer: Answer, input: unknown): string | undefined {
  const mutated = fact.id.split('/')[1] ?? '';
  const path = mutated === 'whole' ? [] : mutated.split('.');
  const value = mutated === 'whole' ? input : at(input, path);
  const message = answer.ok ? '' : answer.message;
  const ours = answer.ok ? 'accepted' : answer.reason;
  // Row 5: an empty list is an empty keyword list to the reference; here a map is required.
  if (
    ours === 'invalid_request' &&
    Array.isArray(value) &&
    value.length === 0 &&
    message.includes('expected a map')
  ) {
    return 'keyword-list';
  }
  // Row 1: a missing lane id is "nil" to the reference and routes nowhere; here it is refused at the door.
  if (
    ours === 'invalid_request' &&
    ['lane_not_registered', 'registration_incomplete'].includes(ref) &&
    message.includes('lane_id must be a non-empty string') &&
    typeof (input as Record<string, unknown>)?.lane_id !== 'string'
  ) {
    return 'missing-lane-id';
  }
  // Rows 23–25: a field of the wrong JSON type (or an empty id) is refused here, naming that field;
  // the reference passes it through (and may refuse it later for another reason).
  if (ours === 'invalid_request' && path.length > 0) {
    const where = message.match(/\(at ([^)]+)\)/)?.[1] ?? message.match(/: (\w+) (?:item )?must be/)?.[1];
    const named =
      where !== undefined &&
      (where === path.join('.') || where.startsWith(`${path.join('.')}.`) || where === path.at(-1));
    const base = at(BASE, path);
    const retyped =
      typeOf(value) !== typeOf(base) ||
      value === '' ||
      (Array.isArray(value) && value.some((v) => typeof v !== 'string'));
    const bigVersion = path.at(-1) === 'contract_version' && typeof value === 'bigint';
    if (named && retyped && !bigVersion) return 'typed-field';
  }
  // Row 27: an authority ref whose expires_at is past or unreadable is refused here; the reference never reads it.
  if (ref === 'accepted' && ours === 'authority_ref_expired') {
    const expires = at(input, ['authority_ref', 'expires_at']);
    const when = typeof expires === 'string' ? Date.parse(expires) : Number.NaN;
    if (typeof expires === 'string' && !(when > Date.now())) return 'authority-expiry';
  }
  return undefined;
}

describe('node admission against the reference', () => {
  it(`agrees on every one of ${facts.length} recorded scenarios, or the difference is documented`, async () => {
    expect(facts.length).toBeGreaterThanOrEqual(1_000);
    const classes: Record<string, number> = {};
    const unexplained: string[] = [];
    let agreed = 0;
    for (const fact of facts) {
      const answer = await ours(fact);
      const mine = answer.ok ? 'accepted' : answer.reason;
      const ref = theirs(fact);
      if (mine === ref) {
        agreed += 1;
        continue;
      }
      const input = (() => {
        try {
          return parseExactJson(fact.input);
        } catch {
          return undefined;
        }
      })();
      const row = classify(fact, ref, answer, input);
      if (row) classes[row] = (classes[row] ?? 0) + 1;
      else
        unexplained.push(`${fact.id}: reference ${ref}, here ${mine} (${answer.ok ? '' : answer.message})`);
    }
    expect(unexplained).toEqual([]);
    // The counts docs/contracts.md reports; a change here is a change of behaviour.
    expect({ agreed, ...classes }).toMatchSnapshot();
  });
});
