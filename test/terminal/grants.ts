import {
  attachGrantFixture,
  streamAttachRevocationFixture,
} from '../../src/core/contracts/fixtures/hazmat-fixtures.js';

/** An `AttachGrant.v1` for terminal `id`, valid for a minute unless told otherwise. */
export function grantFor(
  id: string,
  options: { ref?: string; capabilities?: string[]; expiresInMs?: number; principal?: boolean } = {},
) {
  const base = attachGrantFixture();
  return {
    ...base,
    ...(options.principal === false ? { principal_ref: null, system_actor_ref: 'system://ops-bot' } : {}),
    attach_grant_ref: options.ref ?? `attach-grant://ops/${id}`,
    hazmat_resource_ref: `terminal://${id}`,
    grant_scope: {
      ...base.grant_scope,
      capabilities: options.capabilities ?? ['stream.attach', 'stdio.read', 'stdio.write'],
    },
    expires_at: new Date(Date.now() + (options.expiresInMs ?? 60_000)).toISOString(),
  };
}

/** A `StreamAttachRevocation.v1` of the grant `ref`. */
export function revocationOf(ref: string) {
  return { ...streamAttachRevocationFixture(), attach_grant_ref: ref };
}
