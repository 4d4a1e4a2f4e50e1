import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { jsonField, nonEmptyString, optionalMap, optionalString } from '../primitives/fields.js';
import { ExecutionIntentEnvelopeV1Schema } from './execution-intent-envelope-v1.js';

/**
 * `http_execution_intent.v1`: an envelope plus the HTTP request shape. `body` is any JSON value
 * (a string or a map); the kernel reads `timeouts.request_timeout_ms`.
 */
export const HttpExecutionIntentV1Schema = z.lazy(() =>
  contractSchema(
    [],
    z.object({
      contract_version: contractVersionField('http_execution_intent.v1'),
      envelope: ExecutionIntentEnvelopeV1Schema,
      request_shape: nonEmptyString('request_shape'),
      stream_mode: nonEmptyString('stream_mode'),
      headers: optionalMap('headers'),
      body: jsonField('body'),
      egress_surface: optionalMap('egress_surface'),
      timeouts: optionalMap('timeouts'),
      retry_class: optionalString('retry_class'),
    }),
  ),
);

/** A decoded `http_execution_intent.v1`. */
export type HttpExecutionIntentV1 = z.output<typeof HttpExecutionIntentV1Schema>;
