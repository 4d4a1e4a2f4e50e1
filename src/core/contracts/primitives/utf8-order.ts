/**
 * Orders strings by their UTF-8 bytes, the order the reference's `Enum.sort/1` gives binaries.
 * UTF-8 byte order is code point order, which differs from `Array.prototype.sort`'s UTF-16
 * order once a string holds a character above U+FFFF: `["😀", "！"]` stays in that order here.
 *
 * @example
 * ['！', '😀', 'a'].sort(compareUtf8); // ['a', '！', '😀']
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
