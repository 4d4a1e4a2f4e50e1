/**
 * The one redaction policy of the package, for every lane and the node. Pure functions, no I/O,
 * runtime-neutral. Two mechanisms:
 *
 * - **By name**: a value under a credential-looking name — a header, an environment variable, a
 *   query parameter, a JSON key, a command-line flag — is replaced by {@link REDACTED}. A name is
 *   credential-looking when it contains (case-insensitive) `auth`, `token`, `key`, `secret`,
 *   `passw`/`pwd`, `cookie`, `session`, `signature`, `credential`, `bearer` or `private`
 *   ({@link isCredentialName}). Over-matching (`monkey`) is the price of never under-matching.
 * - **By value**: every string listed in `secrets` is replaced wherever it appears (argv, env
 *   values under ordinary names, URLs — percent-encoded too —, body previews, messages,
 *   evidence), however it got there.
 *
 * Refusals echo ids, never payloads: {@link withholdReceived} drops the "got: …" value of a
 * validation message. Strings copied into records are capped at `maxStringChars`.
 *
 * @example
 * const redact = createRedactor({ secrets: [process.env.DB_PASSWORD!] });
 * redact.record({ env: { API_TOKEN: 't', HOME: '/root' } }); // { env: { API_TOKEN: '[redacted]', HOME: '/root' } }
 * redactArgv(redact, ['--password', 'hunter2', 'run']); // ['--password', '[redacted]', 'run']
 */

/** What replaces a withheld value. */
export const REDACTED = '[redacted]';

/** Longest string kept in a record, in UTF-16 code units; the rest becomes `…[+N chars]`. */
export const DEFAULT_MAX_STRING_CHARS = 1_024;

/** Shortest secret accepted: shorter ones would scrub ordinary text. */
export const MIN_SECRET_CHARS = 4;

/** Depth past which a record is cut (`[truncated]`), so a hostile value cannot recurse forever. */
const MAX_DEPTH = 32;

const CREDENTIAL_NAME = /auth|token|key|secret|passw|pwd|cookie|session|signature|credential|bearer|private/i;

/** Whether a header, env, query-parameter, JSON-key or flag name looks like it holds a credential. */
export function isCredentialName(name: string): boolean {
  if (name.length > 64) return CREDENTIAL_NAME.test(name);
  let known = credentialNames.get(name);
  if (known === undefined) {
    known = CREDENTIAL_NAME.test(name);
    // Names repeat (the same headers on every response): remember a bounded number of short ones.
    if (credentialNames.size >= 512) credentialNames.clear();
    credentialNames.set(name, known);
  }
  return known;
}

const credentialNames = new Map<string, boolean>();

// `name=value` / `name: value` / `"name":"value"` pairs inside free text, and `Bearer x` / `Basic x`.
// The lookbehind starts a match only at the start of a name: without it every position inside a
// long word is retried, which made redaction the node's hottest path.
const PAIR_IN_TEXT =
  /(?<![\w.-])([\w.-]*(?:auth|token|key|secret|passw|pwd|cookie|session|signature|credential|private)[\w.-]*)("?\s*[=:]\s*"?)([^\s&"',;)}\]]+)/gi;
const SCHEME_IN_TEXT = /\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{4,}/gi;
// The words each pattern needs, with the same flags: a string without one cannot match, and one
// test of these costs far less than the capturing scans above (most record strings have none).
const PAIR_WORD = /auth|token|key|secret|passw|pwd|cookie|session|signature|credential|private/i;
const SCHEME_WORD = /bearer|basic|token/i;

/** Longest string whose redacted form a redactor remembers, and how many it remembers. */
const MEMO_MAX_CHARS = 128;
const MEMO_ENTRIES = 1_024;

/**
 * A validation message with the received value withheld: `… got: "x"` → `… got: [withheld]`,
 * `got "x" (string)` → `got [withheld] (string)`. The field's name and what was expected stay.
 */
export function withholdReceived(message: string): string {
  return message
    .replace(/got: .*?( \(at [^)]*\))?$/s, 'got: [withheld]$1')
    .replace(/got "(?:[^"\\]|\\.)*…?" \(string\)/g, 'got [withheld] (string)');
}

/** Options of {@link createRedactor}. */
export interface RedactionOptions {
  /**
   * Values to scrub wherever they appear, each at least {@link MIN_SECRET_CHARS} characters
   * (shorter ones are ignored here; option schemas refuse them).
   * @defaultValue `[]`
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * Longest string kept by {@link Redactor.record} and {@link Redactor.text}, in characters.
   * @defaultValue {@link DEFAULT_MAX_STRING_CHARS} (1 024)
   */
  readonly maxStringChars?: number | undefined;
}

/** The policy, bound to one list of secrets. Every method returns a copy; inputs are not changed. */
export interface Redactor {
  /** Whether any secret is listed (without one, {@link scrub} is the identity). */
  readonly hasSecrets: boolean;
  /** `text` with every listed secret (and its percent-encoding) replaced by {@link REDACTED}. */
  scrub(text: string): string;
  /**
   * Free text for a message or a record: secrets scrubbed, credential-looking `name=value`
   * pairs and `Bearer x` withheld, capped at `maxStringChars`.
   */
  text(text: string): string;
  /**
   * A JSON-like value for a record (evidence, refusal, failure): values under credential-looking
   * keys withheld (numbers, booleans and null kept), every string through {@link text}, keys
   * scrubbed, cut at depth 32; cycles and non-JSON values become strings.
   */
  record(value: unknown): unknown;
  /**
   * Data handed back to its owner (events, outputs): only listed secrets scrubbed, deep; names,
   * shapes and sizes otherwise kept.
   */
  scrubDeep<T>(value: T): T;
  /**
   * A URL: user info withheld, query parameters under credential-looking names withheld,
   * secrets scrubbed. A string that is not a URL goes through {@link text}.
   */
  url(url: string | URL): string;
}

/**
 * The redaction policy with `secrets` listed.
 *
 * @example
 * const redact = createRedactor({ secrets: ['s3cr3t-value'] });
 * redact.url('https://u:p@api.example.com/x?api_key=k&q=s3cr3t-value');
 * // 'https://%5Bredacted%5D@api.example.com/x?api_key=%5Bredacted%5D&q=%5Bredacted%5D'
 */
export function createRedactor(options: RedactionOptions = {}): Redactor {
  const maxChars = options.maxStringChars ?? DEFAULT_MAX_STRING_CHARS;
  const needles = needlesOf(options.secrets ?? []);

  const scrub = (text: string): string => {
    let out = text;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
  const cap = (text: string): string =>
    text.length > maxChars ? `${text.slice(0, maxChars)}…[+${text.length - maxChars} chars]` : text;
  // Ids, names and keys repeat in every record of an execution: their redacted form is kept
  // (bounded; the policy is pure, so a remembered answer is the answer).
  const memo = new Map<string, string>();
  const text = (value: string): string => {
    // Most record strings (ids, names, hashes) hold no pair, no scheme and no secret.
    if (needles.length === 0 && !value.includes(' ') && !value.includes('=') && !value.includes(':')) {
      return cap(value);
    }
    if (value.length > MEMO_MAX_CHARS) return redactText(value);
    let out = memo.get(value);
    if (out === undefined) {
      out = redactText(value);
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(value, out);
    }
    return out;
  };
  const redactText = (value: string): string => {
    let out = scrub(value);
    // Both patterns need a space, `=` or `:`; most strings (ids, names) have none.
    if (out.includes(' ') && SCHEME_WORD.test(out)) {
      out = out.replace(SCHEME_IN_TEXT, (_m, scheme: string) => `${scheme} ${REDACTED}`);
    }
    if ((out.includes('=') || out.includes(':')) && PAIR_WORD.test(out)) {
      out = out.replace(PAIR_IN_TEXT, (match, name: string, sep: string, found: string) =>
        found.startsWith(REDACTED.slice(0, -1)) || /^(bearer|basic|token)$/i.test(found)
          ? match
          : `${name}${sep}${REDACTED}`,
      );
    }
    return cap(out);
  };

  // `path` holds the objects being copied (at most MAX_DEPTH): a value met again among them is a
  // cycle. An array searched from the end costs less than a WeakSet per record.
  const record = (value: unknown, depth: number, path: object[]): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    if (value === undefined) return undefined;
    if (typeof value !== 'object') return text(String(value));
    if (depth >= MAX_DEPTH) return '[truncated]';
    if (path.includes(value)) return '[circular]';
    path.push(value);
    try {
      if (Array.isArray(value)) return value.map((item) => record(item, depth + 1, path));
      const out: Record<string, unknown> = {};
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const item = object[key];
        out[text(key)] =
          isCredentialName(key) && item !== null && typeof item !== 'number' && typeof item !== 'boolean'
            ? REDACTED
            : record(item, depth + 1, path);
      }
      return out;
    } catch {
      return '[unreadable]';
    } finally {
      path.pop();
    }
  };

  const scrubDeep = (value: unknown, depth = 0): unknown => {
    if (needles.length === 0) return value;
    if (typeof value === 'string') return scrub(value);
    if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
    // Bytes are kept as they are, and so is a live body stream (HTTP `responseType: 'stream'`).
    if (ArrayBuffer.isView(value) || isReadableStream(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[scrub(key)] = scrubDeep(item, depth + 1);
    return out;
  };

  return {
    hasSecrets: needles.length > 0,
    scrub,
    text,
    record: (value) => record(value, 0, []),
    scrubDeep: <T>(value: T) => scrubDeep(value) as T,
    url(url) {
      let parsed: URL;
      try {
        parsed = new URL(String(url));
      } catch {
        return text(String(url));
      }
      if (parsed.username || parsed.password) {
        parsed.username = REDACTED;
        parsed.password = '';
      }
      for (const name of [...parsed.searchParams.keys()]) {
        if (isCredentialName(name)) parsed.searchParams.set(name, REDACTED);
        else parsed.searchParams.set(name, scrub(parsed.searchParams.get(name) ?? ''));
      }
      return scrub(parsed.toString());
    },
  };
}

// Header, env and argv redaction are functions of their own, not Redactor methods, so a bundle
// that never redacts a process's environment or argv (http, websocket) drops their code.

/** Header values: withheld under credential-looking names, scrubbed otherwise. */
export function redactHeaders(
  redactor: Redactor,
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (isCredentialName(name)) out[name] = REDACTED;
    else out[name] = typeof value === 'string' ? redactor.scrub(value) : value.map(redactor.scrub);
  }
  return out;
}

/** Environment values: withheld under credential-looking names, scrubbed otherwise. */
export function redactEnv(
  redactor: Redactor,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) out[name] = isCredentialName(name) ? REDACTED : redactor.scrub(value);
  }
  return out;
}

/**
 * Argv: secrets scrubbed; the value of a credential-looking flag withheld, both as `--token=x`
 * and as `--token x`.
 */
export function redactArgv(redactor: Redactor, args: readonly string[]): string[] {
  const out: string[] = [];
  let withholdNext = false;
  for (const arg of args) {
    const flag = /^(--?[\w.-]+)(=)(.*)$/s.exec(arg);
    if (withholdNext) out.push(REDACTED);
    else if (flag && isCredentialName(flag[1] as string)) out.push(`${flag[1]}=${REDACTED}`);
    else out.push(redactor.scrub(arg));
    withholdNext = !withholdNext && !flag && /^--?[\w.-]+$/.test(arg) && isCredentialName(arg);
  }
  return out;
}

// Each secret and its percent-encoded form, longest first (a secret containing another wins).
function needlesOf(secrets: readonly string[]): string[] {
  const set = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS) continue;
    set.add(secret);
    set.add(encodeURIComponent(secret));
    // Strict percent-encoding (every byte outside [A-Za-z0-9]), in both hex cases.
    const strict = [...new TextEncoder().encode(secret)]
      .map((byte) => {
        const char = String.fromCharCode(byte);
        return /[A-Za-z0-9]/.test(char) ? char : `%${byte.toString(16).padStart(2, '0')}`;
      })
      .join('');
    set.add(strict);
    set.add(strict.replace(/%[0-9a-f]{2}/g, (hex) => hex.toUpperCase()));
    set.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...set].sort((a, b) => b.length - a.length);
}

const isReadableStream = (value: object): boolean =>
  typeof ReadableStream !== 'undefined' && value instanceof ReadableStream;
