import * as z from 'zod/mini';
import { contractSchema, contractVersionField, forbidKeys } from '../primitives/contract-schema.js';
import { fail, nonEmptyString, oneOf } from '../primitives/fields.js';
import { renderValue } from '../primitives/render-value.js';
import { ownerRepo } from './owner-repo.js';

/** Where a simulation or adapter may be selected: owner registries and install profiles only. */
export const SELECTION_SURFACES = [
  'application_config',
  'adapter_registry',
  'transport_registry',
  'provider_registry',
  'backend_manifest',
  'profile_registry_install',
] as const;

function selectionSurface() {
  return oneOf(
    'selection_surface',
    SELECTION_SURFACES,
    (v) => `selection_surface unsupported value: ${renderValue(v)}`,
  );
}

// `simulation`, `a.simulation` and `a.simulation_mode` are all public selectors.
function configKey() {
  return z.pipe(
    nonEmptyString('config_key'),
    z.transform((key: string, ctx): string =>
      key === 'simulation' || key.includes('.simulation')
        ? fail(ctx, 'config_key must not be a public simulation selector')
        : key,
    ),
  );
}

/**
 * `ExecutionPlane.AdapterSelectionPolicy.v1`: a simulation or adapter is chosen through an owner
 * registry or install profile, never by a request-time `simulation` selector (a top-level
 * `simulation` key, or a `config_key` naming one, is rejected).
 */
export const AdapterSelectionPolicyV1Schema = z.lazy(() =>
  contractSchema(
    [
      forbidKeys(['simulation'], 'public simulation selector is forbidden; use owner registry configuration'),
      z.looseObject({ selection_surface: selectionSurface(), config_key: configKey() }),
    ],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.AdapterSelectionPolicy.v1'),
      selection_surface: selectionSurface(),
      owner_repo: ownerRepo(),
      config_key: configKey(),
      default_value_when_unset: nonEmptyString('default_value_when_unset'),
      fail_closed_action_when_misconfigured: nonEmptyString('fail_closed_action_when_misconfigured'),
    }),
  ),
);

/** A decoded `ExecutionPlane.AdapterSelectionPolicy.v1`. */
export type AdapterSelectionPolicyV1 = z.output<typeof AdapterSelectionPolicyV1Schema>;
