const decoder = /* @__PURE__ */ new TextDecoder('utf-8');
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

export { concatBytes } from '../internal/concat-bytes.js';
