import { createRedactor, type Redactor } from '../internal/redact.js';
import { credentialFlagValues, credentialValues } from '../internal/redact-lane.js';
import type { ProcessPlan } from './plan.js';

/**
 * The redactor of one process execution: the caller's `secrets`, plus the values a caller put
 * under credential-looking names — `env` variables (`API_TOKEN=…`), flags (`--token x`,
 * `--password=x`), string fields of the surface (an ssh password) — so a child that prints them,
 * or an error that quotes them, is scrubbed too.
 */
export function processRedactor(plan: ProcessPlan): Redactor {
  const { payload } = plan;
  const surface = Object.fromEntries(
    Object.entries(payload.surface ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  return createRedactor({
    secrets: [
      ...(payload.secrets ?? []),
      ...credentialValues(payload.env),
      ...credentialValues(surface),
      ...credentialFlagValues(payload.args ?? []),
    ],
  });
}
