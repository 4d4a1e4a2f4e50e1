import * as z from 'zod/mini';
import { JSONRPC_FRAMINGS } from './framing.js';

const nonEmpty = () => z.string().check(z.minLength(1));

/** A peer program spoken to over its stdio. */
export const ProcessTargetSchema = z.strictObject({
  kind: z.literal('process'),
  command: nonEmpty(),
  args: z._default(z.array(z.string()), []),
  cwd: z.optional(nonEmpty()),
  env: z.optional(z.record(z.string(), z.string())),
  /** @defaultValue `'ndjson'` */
  framing: z._default(z.enum(JSONRPC_FRAMINGS), 'ndjson'),
});

/** A peer reached over a WebSocket (one message per frame). */
export const WebSocketTargetSchema = z.strictObject({
  kind: z.literal('websocket'),
  url: z.string().check(z.regex(/^wss?:\/\/[^/?#@\s]+/i, 'a ws: or wss: URL without credentials')),
  headers: z.optional(z.record(z.string(), z.string())),
  subprotocols: z.optional(z.array(nonEmpty())),
});

/** Where {@link call} and {@link jsonRpcLane} find their peer (JSON, so the node can carry it). */
export const JsonRpcTargetSchema = z.discriminatedUnion('kind', [ProcessTargetSchema, WebSocketTargetSchema]);

/** A peer to open a channel to. */
export type JsonRpcTarget = z.input<typeof JsonRpcTargetSchema>;

/** A target after defaults. */
export type ResolvedJsonRpcTarget = z.output<typeof JsonRpcTargetSchema>;
