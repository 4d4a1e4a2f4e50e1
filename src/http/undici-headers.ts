/** A raw header name or value as undici's dispatcher hands it over (h1: bytes, h2: strings). */
export type RawHeader = Uint8Array | string | readonly (Uint8Array | string)[];

// Response header names common enough to be matched as bytes: a known name costs no string
// made from bytes and no lower-casing (each a call into the runtime per header per response).
const COMMON = [
  'accept-ranges',
  'age',
  'cache-control',
  'connection',
  'content-encoding',
  'content-language',
  'content-length',
  'content-type',
  'date',
  'etag',
  'expires',
  'keep-alive',
  'last-modified',
  'location',
  'retry-after',
  'server',
  'set-cookie',
  'strict-transport-security',
  'transfer-encoding',
  'vary',
  'x-content-type-options',
  'x-powered-by',
];
const BY_LENGTH: string[][] = [];
for (const name of COMMON) {
  BY_LENGTH[name.length] ??= [];
  BY_LENGTH[name.length]?.push(name);
}

/** A response header name, lower-cased. */
export function headerName(raw: RawHeader): string {
  if (raw instanceof Uint8Array) {
    const known = BY_LENGTH[raw.length];
    if (known) for (const name of known) if (sameName(raw, name)) return name;
  }
  return headerValue(raw).toLowerCase();
}

/** A response header value: bytes as latin1 (as node:http reads them), repeated ones joined. */
export function headerValue(raw: RawHeader): string {
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('latin1');
  if (raw instanceof Uint8Array)
    return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  return raw.map(headerValue).join(', ');
}

// ASCII case-insensitive; `name` is lower-case.
function sameName(raw: Uint8Array, name: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] as number;
    if ((byte >= 65 && byte <= 90 ? byte + 32 : byte) !== name.charCodeAt(i)) return false;
  }
  return true;
}
