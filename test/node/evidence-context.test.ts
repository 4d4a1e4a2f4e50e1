import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/internal/redact.js';
import { bareContext, type EvidenceContext, PolicyIds } from '../../src/node/evidence-context.js';

function context(ids: Partial<EvidenceContext>): EvidenceContext {
  return { ...bareContext('exec-1-1'), ...ids, redacted: null };
}

describe('PolicyIds: the policy once per context, for ids and words every record repeats', () => {
  it('hands back the context itself when the policy changes none of its ids, and remembers it', () => {
    const ids = new PolicyIds(createRedactor());
    const plain = context({ lane_id: 'process', target_id: 'local' });
    expect(ids.of(plain)).toBe(plain);
    expect(plain.redacted).toBe(plain);
    expect(ids.of(plain)).toBe(plain);
  });

  it('copies a context whose ids the policy changes, and answers a repeated id as before', () => {
    const secret = 'zzSECRETzz';
    const ids = new PolicyIds(createRedactor({ secrets: [secret] }));
    const first = context({ target_id: `t-${secret}` });
    const redacted = ids.of(first);
    expect(redacted).not.toBe(first);
    expect(redacted.target_id).toBe('t-[redacted]');
    const next = context({ execution_ref: 'exec-1-2', target_id: `t-${secret}` });
    expect(ids.of(next).target_id).toBe('t-[redacted]');
  });

  it('passes a minted ref without a scan only while no secret is listed', () => {
    const minted = context({ execution_ref: 'exec-zzSECRETzz' });
    expect(new PolicyIds(createRedactor()).of(minted, true).execution_ref).toBe('exec-zzSECRETzz');
    const listing = new PolicyIds(createRedactor({ secrets: ['zzSECRETzz'] }));
    expect(listing.of(context({ execution_ref: 'exec-zzSECRETzz' }), true).execution_ref).toBe(
      'exec-[redacted]',
    );
  });

  it("keeps the policy's answer for words and the authority id", () => {
    const ids = new PolicyIds(createRedactor({ secrets: ['word-secret'] }));
    for (let i = 0; i < 3; i++) {
      expect(ids.word('accepted')).toBe('accepted');
      expect(ids.word('word-secret')).toBe('[redacted]');
      expect(ids.authority('verifier-word-secret')).toBe('verifier-[redacted]');
    }
    expect(ids.word(null)).toBeNull();
    expect(ids.text(null)).toBeNull();
  });
});
