/** Reads a terminal's text (a viewer, a remote attachment) until `needle` shows; returns all seen. */
export async function readUntil(source: AsyncIterable<string>, needle: string): Promise<string> {
  let seen = '';
  for await (const text of source) {
    seen += text;
    if (seen.includes(needle)) return seen;
  }
  throw new Error(`ended before ${JSON.stringify(needle)}; saw ${JSON.stringify(seen)}`);
}
