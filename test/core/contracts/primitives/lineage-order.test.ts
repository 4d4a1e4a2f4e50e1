import { describe, expect, it } from 'vitest';
import { decodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { findRawDurableEvidence } from '../../../../src/core/contracts/v1/raw-evidence-scan.js';

// With several defects, the first reported is the reference's first: it walks Elixir maps,
// whose keys come sorted.
describe('which of several defects is reported', () => {
  const route = contractFixtures.executionRoute;
  const withLineage = (lineage: Record<string, unknown>) => ({
    ...route,
    lineage: { ...route.lineage, ...lineage },
  });

  it('reports the smallest unknown lineage key', () => {
    expect(() => decodeContract(withLineage({ zeta: 'x', alpha: 'y', é: 'z' }))).toThrow(
      'unknown lineage key: "alpha"',
    );
  });

  it('reports lineage values in alphabetical key order, extensions among them', () => {
    expect(() => decodeContract(withLineage({ tenant_id: 1, route_id: '', decision_id: null }))).toThrow(
      'lineage.decision_id must be a non-empty string',
    );
    expect(() => decodeContract(withLineage({ tenant_id: null, extensions: 'x' }))).toThrow(
      'lineage.extensions must be a map',
    );
  });

  it('reports raw evidence in sorted key order', () => {
    expect(findRawDurableEvidence({ z_secret: 1, body: 'b', api_key: 'k' })).toBe('api_key');
  });
});
