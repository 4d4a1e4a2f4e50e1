/**
 * Re-writes JSON text with map keys sorted by UTF-16 code units and no whitespace, keeping every
 * number token exactly as written (so big integers are never rounded here). With
 * `numbersByValue`, number tokens are replaced by their double value: `100.0` and `100` agree.
 * A test-side reader, independent of the codec it checks.
 */
export function normalizeJsonText(text: string, numbersByValue = false): string {
  let at = 0;
  const ws = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const read = (): string => {
    ws();
    const c = text[at];
    if (c === '{') {
      at++;
      const entries: Array<[string, string]> = [];
      ws();
      if (text[at] === '}') {
        at++;
        return '{}';
      }
      for (;;) {
        ws();
        const key = readString();
        ws();
        at++; // ':'
        entries.push([key, read()]);
        ws();
        if (text[at++] === '}') break;
      }
      entries.sort(([a], [b]) => compareKeys(JSON.parse(a) as string, JSON.parse(b) as string));
      return `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`;
    }
    if (c === '[') {
      at++;
      const items: string[] = [];
      ws();
      if (text[at] === ']') {
        at++;
        return '[]';
      }
      for (;;) {
        items.push(read());
        ws();
        if (text[at++] === ']') break;
      }
      return `[${items.join(',')}]`;
    }
    if (c === '"') return readString();
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!m) throw new Error(`bad JSON at ${at}`);
    at += m[0].length;
    if (numbersByValue && /^-?\d/.test(m[0])) return JSON.stringify(Number(m[0]));
    return m[0];
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    // Re-spell the string the way JSON.stringify does, so escapes do not matter.
    return JSON.stringify(JSON.parse(text.slice(start, at)));
  };
  return read();
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
