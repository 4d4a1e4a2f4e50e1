import {
  checkInt,
  checkString,
  type OptionScope,
  pathOf,
  readArray,
  readBoolean,
  readDuration,
  readEnum,
  readInt,
  readObject,
  readSecrets,
  refuse,
} from '../internal/option-checks.js';
import { websocketDefaults as D } from './defaults.js';
import type { ConnectOptions, ConnectPlan, ReconnectPolicy, ResolvedWebSocketOptions } from './options.js';

/**
 * `connect()`'s options funnel, written by hand rather than as a zod schema so a `{ connect }`
 * bundle carries no schema library: defaults applied, and `INVALID_OPTIONS` naming the option, the
 * value (withheld under credential names) and the nearest known key before any I/O.
 */

/** The keys of {@link ConnectOptions} a session plan reads (`maxUnreadBytes` is `connect()`'s own). */
export const SESSION_OPTION_KEYS = [
  'headers',
  'subprotocols',
  'handshakeTimeoutMs',
  'maxPayloadBytes',
  'perMessageDeflate',
  'pingIntervalMs',
  'pongTimeoutMs',
  'pingEvents',
  'sendHighWaterBytes',
  'maxWaitingSends',
  'maxQueuedSendBytes',
  'closeTimeoutMs',
  'normalCloseCodes',
  'reconnect',
  'binaryEncoding',
  'secrets',
] as const satisfies ReadonlyArray<keyof ConnectOptions>;

const CONNECT_KEYS: readonly string[] = [...SESSION_OPTION_KEYS, 'maxUnreadBytes', 'url'];
const RECONNECT_KEYS: readonly string[] = Object.keys(D.reconnect);
const INT31 = 2 ** 31 - 1;
const GIB = 1024 ** 3;
// One per close code a peer may send (1000–4999): a longer list can only repeat codes.
const MAX_NORMAL_CLOSE_CODES = 4_000;
const MAX_SUBPROTOCOLS = 64;

// RFC 6455 token characters; a subprotocol with spaces or commas would corrupt the header.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A field value as Node's http module accepts it (HTAB, visible ASCII, obs-text); no CR/LF/NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// C0 controls, space and DEL (the URL parser silently drops some of them), or userinfo.
const URL_EXPECTED = 'a ws: or wss: URL without credentials, spaces or control characters';

/** The plan of `connect(url, options)`: `input` is the options with the URL under `url`. */
export function planConnect(input: unknown, entry: string): ConnectPlan {
  const scope: OptionScope = { entry, path: '' };
  const o = readObject(input, CONNECT_KEYS, scope);
  return {
    ...readSessionPlan(o, scope),
    maxUnreadBytes: readInt(o, 'maxUnreadBytes', scope, D.maxUnreadBytes, GIB),
  };
}

/**
 * The URL and the session options of an options object whose keys were already checked;
 * `binaryEncoding` defaults to `binaryDefault` (the node lane's is `'base64'`).
 */
export function readSessionPlan(
  o: Record<string, unknown>,
  scope: OptionScope,
  binaryDefault: 'bytes' | 'base64' = 'bytes',
): ResolvedWebSocketOptions & { readonly url: string } {
  const { entry } = scope;
  return {
    url: checkString(o.url, 'url', entry, URL_EXPECTED, isWebSocketUrl),
    headers: readHeaders(o.headers, entry),
    subprotocols: readArray(o, 'subprotocols', scope, MAX_SUBPROTOCOLS, (v, path) =>
      checkString(v, path, entry, 'an RFC 6455 token (no spaces, commas or controls)', (s) => TOKEN.test(s)),
    ),
    handshakeTimeoutMs: readDuration(o, 'handshakeTimeoutMs', scope, D.handshakeTimeoutMs),
    maxPayloadBytes: readInt(o, 'maxPayloadBytes', scope, D.maxPayloadBytes, INT31),
    perMessageDeflate: readDeflate(o.perMessageDeflate, scope),
    pingIntervalMs:
      o.pingIntervalMs === null ? null : readDuration(o, 'pingIntervalMs', scope, D.pingIntervalMs),
    pongTimeoutMs: readDuration(o, 'pongTimeoutMs', scope, D.pongTimeoutMs),
    pingEvents: readBoolean(o, 'pingEvents', scope, false),
    sendHighWaterBytes: readInt(o, 'sendHighWaterBytes', scope, D.sendHighWaterBytes, INT31),
    maxWaitingSends: readInt(o, 'maxWaitingSends', scope, D.maxWaitingSends, 1_000_000),
    maxQueuedSendBytes: readInt(o, 'maxQueuedSendBytes', scope, D.maxQueuedSendBytes, GIB),
    closeTimeoutMs: readDuration(o, 'closeTimeoutMs', scope, D.closeTimeoutMs),
    normalCloseCodes: readArray(
      o,
      'normalCloseCodes',
      scope,
      MAX_NORMAL_CLOSE_CODES,
      (v, path) => checkInt(v, path, entry, 1000, 4999),
      [...D.normalCloseCodes],
    ),
    reconnect: readReconnect(o.reconnect, { entry, path: 'reconnect' }),
    binaryEncoding: readEnum(o, 'binaryEncoding', scope, ['bytes', 'base64'], binaryDefault),
    secrets: readSecrets(o, scope),
  };
}

/** `ws:` / `wss:` URLs only; userinfo is refused so credentials never sit in a URL we log. */
function isWebSocketUrl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return false;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.username === '' && url.password === '';
}

/**
 * Header names must be RFC 9110 tokens and values free of control characters (CR, LF, NUL …), so
 * a bad header is `INVALID_OPTIONS` before any I/O instead of a throw from inside the socket. The
 * message names the header and the offending character, never the value (it may be a credential).
 */
function readHeaders(value: unknown, entry: string): Record<string, string> {
  if (value === undefined) return {};
  const headers = readObject(value, null, { entry, path: 'headers' });
  const copy: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers)) {
    if (typeof v !== 'string') refuse(`headers.${name}`, 'string', v, entry);
    const problem = !TOKEN.test(name)
      ? `header names as RFC 9110 tokens (header ${JSON.stringify(name.slice(0, 40))} is not)`
      : !FIELD_VALUE.test(v)
        ? `header values without control characters (the value of \`${name}\` has ${describeChar(v)})`
        : undefined;
    if (problem) refuse('headers', problem, headers, entry);
    copy[name] = v;
  }
  return copy;
}

function describeChar(value: string): string {
  const bad = value.split('').find((c) => !FIELD_VALUE.test(c)) ?? '';
  return `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function readDeflate(value: unknown, scope: OptionScope): ResolvedWebSocketOptions['perMessageDeflate'] {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  const path = pathOf(scope, 'perMessageDeflate');
  if (typeof value !== 'object' || value === null)
    refuse(path, 'boolean | { threshold }', value, scope.entry);
  const o = readObject(value, ['threshold'], { entry: scope.entry, path });
  return o.threshold === undefined
    ? {}
    : { threshold: checkInt(o.threshold, `${path}.threshold`, scope.entry, 0, INT31) };
}

function readReconnect(value: unknown, scope: OptionScope): ReconnectPolicy | null {
  if (value === undefined || value === false) return null;
  if (value === true) return { ...D.reconnect };
  if (typeof value !== 'object' || value === null)
    refuse(scope.path, 'boolean | { maxAttempts, … }', value, scope.entry);
  const o = readObject(value, RECONNECT_KEYS, scope);
  const R = D.reconnect;
  const factor = o.factor ?? R.factor;
  if (typeof factor !== 'number' || !(factor >= 1 && factor <= 10)) {
    refuse(pathOf(scope, 'factor'), 'a number from 1 to 10', factor, scope.entry);
  }
  return {
    maxAttempts: readInt(o, 'maxAttempts', scope, R.maxAttempts, 1_000),
    initialDelayMs: readDuration(o, 'initialDelayMs', scope, R.initialDelayMs),
    maxDelayMs: readDuration(o, 'maxDelayMs', scope, R.maxDelayMs),
    factor,
    stableAfterMs: readDuration(o, 'stableAfterMs', scope, R.stableAfterMs),
  };
}
