/** UTF-8 byte arithmetic on decoded text, without encoding it unless a limit is near. */

/** True when `text` encodes to more than `maxBytes` UTF-8 bytes (one code unit is 1–3 bytes). */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
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
  return Buffer.byteLength(head, 'utf8') > maxBytes ? '' : head;
}

/** Index of the first byte of `bytes` that starts a UTF-8 character (skips leading continuation bytes). */
export function utf8StartOffset(bytes: Uint8Array): number {
  let i = 0;
  // At most three continuation bytes can precede a character start.
  while (i < bytes.length && i < 3 && ((bytes[i] as number) & 0xc0) === 0x80) i++;
  return i;
}
