import type { ExecutionOptions } from '../core/execution-options.js';
import { DEFAULT_ABORT_GRACE_MS } from '../core/limits.js';
import { parseOptions } from '../core/parse-options.js';
import { type LaunchPlan, planLaunch } from './launch.js';
import { processDefaults } from './limits.js';
import { type ParsedPayload, ProcessPayloadSchema } from './options-schema.js';
import { type ProcessMode, type ProcessSettings, resolveSettings } from './settings.js';

/**
 * Everything one process execution runs with, decided before any I/O: the validated payload,
 * the settings with every default applied and checked against the surface, and what to launch.
 */
export interface ProcessPlan {
  readonly payload: ParsedPayload;
  readonly settings: ProcessSettings;
  readonly launch: LaunchPlan;
}

/**
 * Turns caller input (the payload form: `command`, `args`, process options) into the plan, in
 * the one place that validates and applies defaults: schema, `INVALID_OPTIONS` naming the key,
 * capability gating (`UNSUPPORTED_CAPABILITY`) and launch planning (ssh quoting included).
 */
export function planProcess(input: unknown, mode: ProcessMode, entry: string): ProcessPlan {
  const payload = parseOptions(ProcessPayloadSchema, input, entry);
  const settings = resolveSettings(payload, mode, entry);
  return { payload, settings, launch: planLaunch(settings, entry) };
}

/**
 * The execution options a process plan implies: a smaller event queue (a process event can carry
 * a 64 KiB read), and an abort grace that covers the kill ladder and the drain, so a cancelled or
 * timed-out outcome does not settle without the partial output.
 */
export function processExecutionDefaults(plan: ProcessPlan): ExecutionOptions {
  const needed = plan.settings.forceKillAfterMs + plan.settings.drainGraceMs + 1_000;
  return {
    eventQueueCapacity: processDefaults.eventQueueCapacity,
    abortGraceMs: Math.max(DEFAULT_ABORT_GRACE_MS, needed),
  };
}
