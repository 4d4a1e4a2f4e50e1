import { describe, expect, it } from 'vitest';
import { boundaryCodecTarget, contractCodecTarget } from './contract-targets.js';
import { contentLengthTarget, ndjsonTarget } from './framer-targets.js';
import { type FuzzReport, type FuzzTarget, runTarget, TypedErrors } from './harness.js';
import { guestCodecTarget, lineFramerTarget, sseTarget } from './other-targets.js';

// `npm test` runs a fast subset; `npm run fuzz` sets FUZZ_RUNS=100000 (issue #11: ≥ 10^5 per target).
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
// A budget proportional to the runs: ~1 ms per input is generous for every target.
const TIMEOUT_MS = Math.max(20_000, RUNS * 3);

const targets: Array<[(errors: TypedErrors) => FuzzTarget<never>, readonly string[]]> = [
  [ndjsonTarget as never, ['MESSAGE_TOO_LARGE']],
  [contentLengthTarget as never, ['FRAMING_ERROR', 'MESSAGE_TOO_LARGE']],
  [sseTarget as never, ['LIMIT_EXCEEDED']],
  [contractCodecTarget as never, ['INVALID_CONTRACT']],
  [boundaryCodecTarget as never, ['INVALID_CONTRACT']],
  [lineFramerTarget as never, []],
  [guestCodecTarget as never, ['BRIDGE_PROTOCOL_ERROR']],
];

const reports: FuzzReport[] = [];

describe(`fuzz: ${RUNS} inputs per target, seed ${SEED}`, () => {
  for (const [make, codes] of targets) {
    const errors = new TypedErrors(new Set(codes));
    const target = make(errors);
    it(
      `${target.name}: only typed errors (${codes.join(', ') || 'none'}), no hang`,
      () => {
        const report = runTarget(target, RUNS, SEED, errors);
        reports.push(report);
        expect(report.runs).toBe(RUNS);
      },
      TIMEOUT_MS,
    );
  }

  it('reports', () => {
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify(reports, null, 1));
    expect(reports.length).toBe(targets.length);
  });
});
