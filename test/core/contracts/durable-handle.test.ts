import { describe, expect, it } from 'vitest';
import { decodeContract } from '../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { isOpaqueHandleRef } from '../../../src/core/contracts/primitives/opaque-ref.js';
import { expectInvalid } from './helpers/expect-invalid.js';

describe('durable handles', () => {
  it('accepts only opaque handle refs in a credential handle ref', () => {
    const error = expectInvalid(
      () =>
        decodeContract(
          { handle_ref: 'ghp_super_secret_value', kind: 'oauth_bearer', audience: 'github_api' },
          'credential_handle_ref.v1',
        ),
      'handle_ref must be an opaque handle ref',
    );
    // The rejected value is probably a secret: it must not be echoed.
    expect(error.message).not.toContain('ghp_super_secret_value');
    const ref = decodeContract(
      {
        handle_ref: 'credential-handle://tenant-1/github/lease-1',
        kind: 'oauth_bearer',
        audience: 'github_api',
        expires_at: '2026-04-10T12:00:00Z',
        rotation_policy: 'short_lived',
      },
      'credential_handle_ref.v1',
    );
    expect(ref.handle_ref).toBe('credential-handle://tenant-1/github/lease-1');
  });

  it('rejects raw secrets in an envelope and keeps opaque and urn refs', () => {
    const base = {
      intent_id: 'intent-1',
      family: 'process',
      protocol: 'jsonrpc',
      idempotency_key: 'idem-1',
      boundary_session_id: 'boundary-session-1',
      decision_id: 'decision-1',
      requested_capabilities: ['session.resume'],
    };
    const error = expectInvalid(
      () =>
        decodeContract(
          { ...base, credential_handle_refs: ['sk-live-secret'] },
          'execution_intent_envelope.v1',
        ),
      'credential_handle_ref must be an opaque handle ref',
    );
    expect(error.message).not.toContain('sk-live-secret');
    expect(error.details.path).toBe('credential_handle_refs.0');
    const refs = [
      'credential-handle://tenant-1/workload-identity/session-1',
      'urn:credential-handle:tenant-1:github:lease-1',
    ];
    expect(
      decodeContract({ ...base, credential_handle_refs: refs }, 'execution_intent_envelope.v1')
        .credential_handle_refs,
    ).toEqual(refs);
  });

  it('recognises opaque refs by scheme or urn prefix', () => {
    expect(isOpaqueHandleRef('cred://1')).toBe(true);
    expect(isOpaqueHandleRef('urn:x')).toBe(true);
    expect(isOpaqueHandleRef('sk-live-abc')).toBe(false);
  });

  it('keeps attach grants and credential refs free of raw long-lived secrets', () => {
    expect(contractFixtures.attachGrant.grant_scope).not.toHaveProperty('secret');
    expect(contractFixtures.attachGrant.lease_ref).toBe('lease://1');
    expect(contractFixtures.credentialHandleRef).toMatchObject({
      handle_ref: 'cred://1',
      kind: 'oauth_bearer',
    });
  });
});
