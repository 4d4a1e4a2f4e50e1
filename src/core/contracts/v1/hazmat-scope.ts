import * as z from 'zod/mini';
import { optionalString, requiredStrings } from '../primitives/fields.js';

/**
 * The scope block every Phase-4 hazmat contract carries, in the reference's field order:
 * tenant, installation, workspace, project and environment refs; a principal or a system actor
 * (at least one); the resource, authority packet and permission decision; idempotency, trace,
 * correlation and release refs.
 */
export function hazmatScopeShape() {
  return {
    ...requiredStrings('tenant_ref', 'installation_ref', 'workspace_ref', 'project_ref', 'environment_ref'),
    principal_ref: optionalString('principal_ref'),
    system_actor_ref: optionalString('system_actor_ref'),
    ...requiredStrings(
      'resource_ref',
      'authority_packet_ref',
      'permission_decision_ref',
      'idempotency_key',
      'trace_id',
      'correlation_id',
      'release_manifest_ref',
    ),
  };
}

/**
 * The check every hazmat contract runs first: a principal or a system actor must be named. It
 * is what rejects legacy attach grant shapes (`principal_ref or system_actor_ref is required`).
 */
export function actorRefsPrecheck() {
  return z
    .looseObject({
      principal_ref: optionalString('principal_ref'),
      system_actor_ref: optionalString('system_actor_ref'),
    })
    .check(
      z.refine((attrs) => attrs.principal_ref !== null || attrs.system_actor_ref !== null, {
        error: 'principal_ref or system_actor_ref is required',
      }),
    );
}
