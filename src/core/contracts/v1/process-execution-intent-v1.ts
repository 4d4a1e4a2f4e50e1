import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import {
  anyString,
  booleanField,
  jsonField,
  nonEmptyString,
  oneOf,
  optionalList,
  optionalMap,
  optionalString,
  orElse,
} from '../primitives/fields.js';
import { renderValue } from '../primitives/render-value.js';
import { ExecutionIntentEnvelopeV1Schema } from './execution-intent-envelope-v1.js';

/**
 * `process_execution_intent.v1`: an envelope plus one subprocess run. `argv` items may be empty
 * strings; `stdin` is a one-shot JSON payload; `stderr_mode` is `separate` (default) or `stdout`;
 * `close_stdin` defaults to `true`. The kernel turns `execution_surface` into a placement surface.
 */
export const ProcessExecutionIntentV1Schema = z.lazy(() =>
  contractSchema(
    [],
    z.object({
      contract_version: contractVersionField('process_execution_intent.v1'),
      envelope: ExecutionIntentEnvelopeV1Schema,
      command: nonEmptyString('command'),
      argv: optionalList('argv', anyString('argv')),
      env_projection: optionalMap('env_projection'),
      cwd: optionalString('cwd'),
      stdin: jsonField('stdin'),
      clear_env: booleanField('clear_env', false),
      user: optionalString('user'),
      stdio_mode: nonEmptyString('stdio_mode'),
      stderr_mode: orElse(
        oneOf(
          'stderr_mode',
          ['separate', 'stdout'],
          (v) => `stderr_mode must be "separate" or "stdout", got: ${renderValue(v)}`,
        ),
        () => 'separate' as const,
      ),
      close_stdin: booleanField('close_stdin', true),
      execution_surface: optionalMap('execution_surface'),
      shutdown_policy: optionalMap('shutdown_policy'),
    }),
  ),
);

/** A decoded `process_execution_intent.v1`. */
export type ProcessExecutionIntentV1 = z.output<typeof ProcessExecutionIntentV1Schema>;
