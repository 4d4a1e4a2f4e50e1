import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineLane } from '../../src/core/define-lane.js';
import { REJECTION_MESSAGES } from '../../src/node/rejections.js';
import { governedRequest, registeredNode } from './fakes.js';

const KNOWN = new Set<string>([...Object.keys(REJECTION_MESSAGES)]);

// Any JSON-ish value, and requests whose fields hold anything at all.
const field = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constant(null),
  fc.constantFrom('process', 'allow', 'direct_lower_lane_owner', 'local-erlexec-weak'),
);
const requestish = fc.oneof(
  fc.anything(),
  fc.record(
    {
      contract_version: fc.oneof(fc.integer(), fc.string(), fc.anything()),
      request_id: field,
      lane_id: field,
      operation: field,
      payload: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())),
      authority_ref: fc.oneof(field, fc.record({ ref: field, expires_at: field }, { requiredKeys: [] })),
      sandbox_profile: fc.oneof(field, fc.record({ bundle_hash: field }, { requiredKeys: [] })),
      acceptable_attestation: fc.oneof(
        field,
        fc.record({ classes: fc.oneof(field, fc.array(field)), priority_order: field }, { requiredKeys: [] }),
      ),
      placement: field,
      constraints: fc.oneof(field, fc.array(fc.anything())),
      provenance: fc.oneof(field, fc.record({ kind: field, owner: field }, { requiredKeys: [] })),
      metadata: field,
    },
    { requiredKeys: [] },
  ),
);

describe('fuzzed admission requests', () => {
  it('only ever produce a decision or a typed rejection from the catalogue, never a throw', async () => {
    const { node } = await registeredNode();
    await fc.assert(
      fc.asyncProperty(requestish, async (input) => {
        const verdict = await node.admit(input as never);
        if (verdict.ok) {
          expect(verdict.decision.status).toBe('accepted');
          return;
        }
        expect(KNOWN.has(verdict.rejection.reason as string)).toBe(true);
        expect(typeof verdict.rejection.message).toBe('string');
      }),
      { numRuns: 500 },
    );
    // The node is unharmed: a good request still runs.
    expect((await node.execute(governedRequest())).status).toBe('succeeded');
  });

  it('execute and stream answer anything with a result or a verdict, never a throw', async () => {
    // A lane that takes any payload and ends at once, so an accepted fuzz case cannot hang.
    const anyPayload = defineLane({ id: 'process', input: z.unknown(), start: async () => ({}) });
    const { node } = await registeredNode({}, anyPayload);
    await fc.assert(
      fc.asyncProperty(requestish, fc.anything(), async (input, options) => {
        const result = await node.execute(input as never, options as never);
        expect(['succeeded', 'failed', 'rejected', 'cancelled', 'timed_out']).toContain(result.status);
        if (result.status === 'rejected') {
          expect(KNOWN.has((result.error as { reason: string }).reason)).toBe(true);
        }
        const verdict = await node.stream(input as never, options as never);
        if (verdict.ok) await verdict.events.result;
        else expect(KNOWN.has(verdict.rejection.reason as string)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(node.stats().in_flight).toBe(0);
  });

  it('governed requests that differ only in noise fields are admitted', async () => {
    const { node } = await registeredNode();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.anything()),
        fc.string(),
        async (metadata, operation) => {
          const verdict = await node.admit(governedRequest({ metadata, operation }));
          // Non-JSON metadata (functions, bigints …) is refused as invalid_request; JSON is admitted.
          if (!verdict.ok) expect(verdict.rejection.reason).toBe('invalid_request');
        },
      ),
      { numRuns: 200 },
    );
  });
});
