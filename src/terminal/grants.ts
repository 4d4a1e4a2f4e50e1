import * as z from 'zod/mini';
import { AttachGrantV1Schema } from '../core/contracts/v1/attach-grant-v1.js';
import { StreamAttachRevocationV1Schema } from '../core/contracts/v1/stream-attach-revocation-v1.js';
import { ExecutionError } from '../core/errors.js';
import type { ViewerMode } from './viewer.js';

/** The `hazmat_resource_ref` an `AttachGrant.v1` names to cover the terminal `id`. */
export function terminalResourceRef(id: string): string {
  return `terminal://${id}`;
}

function forbidden(reason: string, details: Record<string, unknown> = {}): ExecutionError {
  return new ExecutionError('ATTACH_FORBIDDEN', `attach refused: ${reason}`, { details });
}

/**
 * Checks an `ExecutionPlane.AttachGrant.v1` for attaching to terminal `id` in `mode`: a valid
 * grant (a principal or a system actor is named), not expired at `now`, not revoked, whose
 * `hazmat_resource_ref` is `terminal://<id>` and whose `grant_scope.capabilities` hold
 * `stream.attach` (and `stdio.write` to control). Returns the grant's `attach_grant_ref`.
 */
export function checkAttachGrant(
  grant: unknown,
  id: string,
  mode: ViewerMode,
  revoked: ReadonlySet<string>,
  now: number = Date.now(),
): string {
  if (grant === undefined || grant === null) throw forbidden('this terminal requires an AttachGrant.v1');
  const parsed = z.safeParse(AttachGrantV1Schema, grant);
  if (!parsed.success) {
    throw forbidden(`invalid AttachGrant.v1 (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  const g = parsed.data;
  const ref = g.attach_grant_ref;
  if (revoked.has(ref)) {
    throw new ExecutionError('ATTACH_REVOKED', `attach refused: grant ${ref} was revoked`, {
      details: { attach_grant_ref: ref },
    });
  }
  if (Date.parse(g.expires_at) <= now) throw forbidden(`grant ${ref} expired at ${g.expires_at}`);
  if (g.hazmat_resource_ref !== terminalResourceRef(id)) {
    throw forbidden(`grant ${ref} is for ${g.hazmat_resource_ref}, not ${terminalResourceRef(id)}`);
  }
  const capabilities = Array.isArray(g.grant_scope.capabilities) ? g.grant_scope.capabilities : [];
  const needed = mode === 'control' ? ['stream.attach', 'stdio.write'] : ['stream.attach'];
  const missing = needed.filter((c) => !capabilities.includes(c));
  if (missing.length > 0) throw forbidden(`grant ${ref} lacks ${missing.join(', ')}`, { missing });
  return ref;
}

/** The `attach_grant_ref` a valid `StreamAttachRevocation.v1` revokes (`INVALID_OPTIONS` otherwise). */
export function revokedGrantRef(revocation: unknown): string {
  const parsed = z.safeParse(StreamAttachRevocationV1Schema, revocation);
  if (!parsed.success) {
    throw new ExecutionError(
      'INVALID_OPTIONS',
      `revoke(): invalid StreamAttachRevocation.v1 (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  }
  return parsed.data.attach_grant_ref;
}
