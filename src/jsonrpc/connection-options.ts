import * as z from 'zod/mini';
import {
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MAX_INBOUND_REQUESTS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './defaults.js';
import type { JsonRpcDialect } from './dialect.js';

const MAX_MS = 2_147_483_647;
const positiveMs = () => z.number().check(z.int(), z.minimum(1), z.maximum(MAX_MS));
const positiveInt = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

const isDialect = (value: unknown): value is JsonRpcDialect =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as JsonRpcDialect).cancelNotification === 'function' &&
  typeof (value as JsonRpcDialect).progressOf === 'function';

/** Options of a JSON-RPC connection (the execution options are accepted beside them). */
export const JsonRpcConnectionOptionsSchema = z.strictObject({
  requestTimeoutMs: z._default(z.nullable(positiveMs()), DEFAULT_REQUEST_TIMEOUT_MS),
  maxTotalTimeoutMs: z._default(z.nullable(positiveMs()), null),
  resetTimeoutOnProgress: z._default(z.boolean(), false),
  maxInFlight: z._default(positiveInt(10_000_000), DEFAULT_MAX_IN_FLIGHT),
  maxInboundRequests: z._default(positiveInt(1_000_000), DEFAULT_MAX_INBOUND_REQUESTS),
  maxBatchSize: z._default(positiveInt(1_000_000), DEFAULT_MAX_BATCH_SIZE),
  requestIdStart: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)), 0),
  dialect: z._default(
    z.union([z.enum(['lsp', 'mcp']), z.custom<JsonRpcDialect>(isDialect, 'a JsonRpcDialect object')]),
    'lsp',
  ),
});

/** What a caller may pass as connection options; every field is optional. */
export type JsonRpcConnectionOptions = z.input<typeof JsonRpcConnectionOptionsSchema>;

/** Connection options after defaults. */
export type ResolvedConnectionOptions = z.output<typeof JsonRpcConnectionOptionsSchema>;

export { splitExecutionOptions } from '../core/index.js';
