import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { optionalMap } from '../primitives/fields.js';
import { ExecutionIntentEnvelopeV1Schema } from './execution-intent-envelope-v1.js';

/**
 * `jsonrpc_execution_intent.v1`: an envelope plus carrier maps for the JSON-RPC binding, schema,
 * request (`{ method, params }`) and session policy.
 */
export const JsonRpcExecutionIntentV1Schema = z.lazy(() =>
  contractSchema(
    [],
    z.object({
      contract_version: contractVersionField('jsonrpc_execution_intent.v1'),
      envelope: ExecutionIntentEnvelopeV1Schema,
      transport_binding: optionalMap('transport_binding'),
      protocol_schema: optionalMap('protocol_schema'),
      request: optionalMap('request'),
      session_policy: optionalMap('session_policy'),
    }),
  ),
);

/** A decoded `jsonrpc_execution_intent.v1`. */
export type JsonRpcExecutionIntentV1 = z.output<typeof JsonRpcExecutionIntentV1Schema>;
