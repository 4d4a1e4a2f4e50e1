/**
 * UTF-8 arithmetic shared by every lane: lengths, encoding, decoding and cutting text at a
 * character boundary without encoding it unless a limit is near. Runtime-neutral: Node's Buffer
 * is used where it exists, because it is faster there.
 */
// ignoreBOM keeps a leading BOM, as Buffer#toString does, so both paths decode alike.
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = /* @__PURE__ */ new TextEncoder();

// Buffer is faster where it exists (Node); the fallbacks keep the engine runtime-neutral.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** UTF-8 length of a string without encoding it. */
export function utf8Length(text: string): number {
  if (NodeBuffer) return NodeBuffer.byteLength(text, 'utf8');
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Decodes bytes as UTF-8 (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (NodeBuffer?.isBuffer(bytes)) return bytes.toString('utf8', start, end);
  return decoder.decode(bytes.subarray(start, end));
}

/** Encodes a string as UTF-8 bytes (a Buffer on Node, so decoding slices of it stays fast). */
export function encodeUtf8(text: string): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(text, 'utf8') : encoder.encode(text);
}

/** True when `text` encodes to more than `maxBytes` UTF-8 bytes (one code unit is 1–3 bytes). */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8Length(text) > maxBytes;
}

/**
 * Number of leading code units of `text` whose UTF-8 encoding fits in `maxBytes`, never cutting a
 * surrogate pair. Always at least one code point when `text` is non-empty, so cutting progresses.
 */
export function utf8PrefixLength(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length;
    const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes && i > 0) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return i;
}

/** `text` cut to at most `maxBytes` UTF-8 bytes at a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  if (!exceedsBytes(text, maxBytes)) return text;
  const head = text.slice(0, utf8PrefixLength(text, maxBytes));
  // The prefix always holds one character; when even that does not fit, nothing does.
  return utf8Length(head) > maxBytes ? '' : head;
}

/** Index of the first byte of `bytes` that starts a UTF-8 character (skips leading continuation bytes). */
export function utf8StartOffset(bytes: Uint8Array): number {
  let i = 0;
  // At most three continuation bytes can precede a character start.
  while (i < bytes.length && i < 3 && ((bytes[i] as number) & 0xc0) === 0x80) i++;
  return i;
}
