import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingJsonlSink } from '../../src/cli/rotating-jsonl-sink.js';
import * as contracts from '../../src/core/contracts/index.js';

const record = (n: number) =>
  contracts.decodeBoundary(contracts.EvidenceSchema, {
    contract_version: 1,
    evidence_type: 'execution.completed',
    execution_ref: `exec-${n}`,
    payload: { n, pad: 'x'.repeat(200) },
  });

describe('the rotating JSONL evidence sink', () => {
  it('rotates past maxBytes, keeps maxFiles generations, loses no record of the kept ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ep-rot-'));
    const path = join(dir, 'evidence.jsonl');
    const sink = new RotatingJsonlSink(path, 1024, 2);
    for (let n = 0; n < 20; n++) sink.emit(record(n));
    expect(sink.state.rotations).toBeGreaterThan(2);
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(existsSync(`${path}.2`)).toBe(true);
    expect(existsSync(`${path}.3`)).toBe(false);
    const refs = [`${path}.2`, `${path}.1`, path].flatMap((file) =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { execution_ref: string }).execution_ref),
    );
    // The newest records, in order, with no gap: only whole older generations were deleted.
    expect(refs.at(-1)).toBe('exec-19');
    const first = Number(refs[0]!.slice(5));
    expect(refs).toEqual(Array.from({ length: 20 - first }, (_, i) => `exec-${first + i}`));
    for (const file of [path, `${path}.1`]) expect(readFileSync(file).byteLength).toBeLessThanOrEqual(1024);
  });

  it('reports a write error and throws it to the node', () => {
    const sink = new RotatingJsonlSink('/nonexistent-dir/evidence.jsonl', 1024, 2);
    expect(() => sink.emit(record(1))).toThrow(/ENOENT/);
    expect(sink.state.error).toMatch(/ENOENT/);
  });
});
