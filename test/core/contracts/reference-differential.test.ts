import { describe, expect, it } from 'vitest';
import { compareWithReference, type Verdict } from './helpers/reference-differences.js';
import { loadReferenceFacts } from './helpers/reference-facts.js';
import { replayContract } from './helpers/replay-contract.js';

// Answers the reference's own Elixir modules gave (scripts/reference/README.md), replayed here
// without Elixir: each case agrees, or falls under a listed row of docs/contracts.md's table.
describe('the V1 codec against the reference', () => {
  const facts = loadReferenceFacts();
  const verdicts = facts.map((fact) => ({
    fact,
    verdict: compareWithReference(fact, replayContract(fact.tag, fact.input)),
  }));

  it('has the recorded set: at least 5 000 cases over all 20 tags', () => {
    expect(facts.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(facts.map((f) => f.tag)).size).toBe(20);
  });

  it('agrees on every case, or the case is one of the listed differences', () => {
    const counts = new Map<string, number>();
    for (const { verdict } of verdicts) counts.set(label(verdict), (counts.get(label(verdict)) ?? 0) + 1);
    const accepted = facts.filter((f) => f.ok).length;
    console.log(
      `reference differential: ${facts.length} cases (${accepted} accepted by the reference); ` +
        [...counts].map(([k, n]) => `${k} ${n}`).join(', '),
    );
    const disagreements = verdicts
      .filter(({ verdict }) => verdict.kind === 'disagree')
      .map(({ fact, verdict }) => `${fact.id}: ${(verdict as { note: string }).note}`);
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});

function label(verdict: Verdict): string {
  return verdict.kind === 'listed' ? `listed:${verdict.as}` : verdict.kind;
}
