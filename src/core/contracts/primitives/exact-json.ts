/**
 * A number written with a fraction or an exponent whose value is integral (`1.0`, `1e2`, `-0.0`).
 * The reference decodes these as floats and refuses them where an integer is required;
 * `JSON.parse` would hand back `1` and `100`. Only the parser creates it, and only map copying
 * and the integer fields ever see it: maps turn it back into a plain number.
 */
export class JsonFloat {
  constructor(readonly value: number) {}
}

/** Thrown by {@link parseExactJson} with a short reason and the offset it failed at. */
export class ExactJsonError extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * `JSON.parse` for contract JSON, reading numbers from their source text: an integer outside
 * ±2^53 becomes an exact `bigint`, an integral float literal a {@link JsonFloat}, a number that
 * overflows a double is refused, and so is a lone surrogate escape (`"\ud800"`), which the
 * reference's JSON layer rejects. Keys keep their order; a repeated key keeps its last value.
 *
 * @example
 * parseExactJson('{"n":18446744073709551616}'); // { n: 18446744073709551616n }
 */
export function parseExactJson(text: string): unknown {
  let at = 0;
  const fail = (why: string): never => {
    throw new ExactJsonError(`${why} at position ${at}`);
  };
  const ws = () => {
    for (let c = text.charCodeAt(at); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++at));
  };
  const value = (): unknown => {
    ws();
    const c = text[at];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const [word, v] of WORDS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    return number();
  };
  const object = () => {
    at++;
    const map: Record<string, unknown> = {};
    ws();
    if (text[at] === '}') {
      at++;
      return map;
    }
    for (;;) {
      ws();
      if (text[at] !== '"') fail('expected a key');
      const key = string();
      ws();
      if (text[at++] !== ':') fail("expected ':'");
      // defineProperty keeps a "__proto__" key an own property, as JSON.parse does.
      Object.defineProperty(map, key, {
        value: value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      ws();
      const next = text[at++];
      if (next === '}') return map;
      if (next !== ',') fail("expected ',' or '}'");
    }
  };
  const array = () => {
    at++;
    const list: unknown[] = [];
    ws();
    if (text[at] === ']') {
      at++;
      return list;
    }
    for (;;) {
      list.push(value());
      ws();
      const next = text[at++];
      if (next === ']') return list;
      if (next !== ',') fail("expected ',' or ']'");
    }
  };
  const string = () => {
    let out = '';
    let from = ++at;
    for (;;) {
      const c = text.charCodeAt(at);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 34) break;
      if (c < 32) fail('control character in string');
      if (c !== 92) {
        at++;
        continue;
      }
      out += text.slice(from, at);
      const e = text[at + 1] as string;
      if (e === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        at += 6;
      } else {
        out += ESCAPES[e] ?? fail('bad escape');
        at += 2;
      }
      from = at;
    }
    out += text.slice(from, at++);
    if (!out.isWellFormed()) fail('lone surrogate in string');
    return out;
  };
  const number = () => {
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text) ?? fail('unexpected token');
    at += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) fail('number out of range');
    if (m[1] === undefined && m[2] === undefined) return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    return Number.isInteger(n) ? new JsonFloat(n) : n;
  };
  const result = value();
  ws();
  if (at < text.length) fail('unexpected trailing input');
  return result;
}

const WORDS: ReadonlyArray<readonly [string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];
