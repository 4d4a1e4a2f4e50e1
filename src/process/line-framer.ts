import { exceedsBytes, utf8PrefixLength } from '../internal/utf8.js';

/**
 * Consecutive lines framed from one chunk. When `partial` is true the last line is a fragment of
 * an over-long line (`longLines: 'chunk'`) that continues as the first line of the next batch.
 */
export interface LineBatch {
  readonly lines: string[];
  readonly partial: boolean;
}

/** What {@link LineFramer} needs to know. */
export interface LineFramerOptions {
  /** Longest line in UTF-8 bytes, terminator excluded. */
  readonly maxLineBytes: number;
  /** `fail`: an over-long line stops framing and is reported; `chunk`: it is delivered in pieces. */
  readonly longLines: 'fail' | 'chunk';
}

const NONE: readonly LineBatch[] = [];

/**
 * Incremental line splitter over decoded text, as the reference's framing: `\n`, `\r\n` and a
 * lone `\r` end a line (progress-bar redraws become lines), terminators are stripped, empty lines
 * are kept, and `flush()` returns the trailing partial line.
 *
 * A `\r` at the end of a chunk ends its line at once (the reference holds it until the next
 * chunk); a `\n` starting the next chunk is then skipped, so CRLF split across chunks is still
 * one terminator and the line is delivered a chunk earlier.
 *
 * @example
 * const framer = new LineFramer({ maxLineBytes: 1024, longLines: 'fail' });
 * framer.push('a\r\nb\rc'); // [{ lines: ['a', 'b'], partial: false }]
 * framer.flush();           // [{ lines: ['c'], partial: false }]
 */
export class LineFramer {
  #carry = '';
  #skipLf = false;
  #max: number;
  #chunk: boolean;
  #overflowBytes: number | undefined;
  #chars = -1;

  constructor(options: LineFramerOptions) {
    this.#max = options.maxLineBytes;
    this.#chunk = options.longLines === 'chunk';
  }

  /** Bytes of the over-long line that stopped framing (`longLines: 'fail'`), else `undefined`. */
  get overflowBytes(): number | undefined {
    return this.#overflowBytes;
  }

  /**
   * Characters in the lines of the last `push` when it returned one batch of whole lines from the
   * fast path, else -1: what a consumer sizing the batch would otherwise count line by line.
   */
  get chars(): number {
    return this.#chars;
  }

  /** Frames `text`; returns the batches it completes (usually one, none while a line is open). */
  push(text: string): readonly LineBatch[] {
    this.#chars = -1;
    if (this.#overflowBytes !== undefined || text.length === 0) return NONE;
    let from = 0;
    if (this.#skipLf) {
      this.#skipLf = false;
      if (text.charCodeAt(0) === 10) from = 1;
    }
    // Fast path, the common case: no CR, and the chunk too short to hold an over-long line, so
    // only the line joined to the carry and the new carry need a length check. Native split
    // frames the whole chunk in one call.
    if (text.length * 3 <= this.#max && text.indexOf('\r', from) === -1) return this.#split(text, from);
    return this.#scan(text, from);
  }

  #split(text: string, from: number): readonly LineBatch[] {
    const lines = (from === 0 ? text : text.slice(from)).split('\n');
    const rest = lines.pop() as string;
    if (lines.length === 0) return this.#grow(rest);
    const first = this.#carry.length > 0 ? this.#carry + (lines[0] as string) : (lines[0] as string);
    this.#carry = '';
    if (exceedsBytes(first, this.#max)) {
      if (!this.#chunk) return this.#fail(first, undefined, []);
      const batches: LineBatch[] = [];
      const open = this.#cut(first, batches, [], true);
      open.push(...lines.slice(1));
      this.#carry = rest;
      return close(batches, open);
    }
    // The lines are `text` past `from` less the new carry and one `\n` each, plus the old carry.
    const carried = first.length - (lines[0] as string).length;
    lines[0] = first;
    this.#chars = text.length - from - rest.length - lines.length + carried;
    this.#carry = rest;
    return [{ lines, partial: false }];
  }

  // Text without a line end: the open line grows (and is checked against the limit).
  #grow(rest: string): readonly LineBatch[] {
    if (rest.length === 0) return NONE;
    this.#carry = this.#carry.length > 0 ? this.#carry + rest : rest;
    if (!exceedsBytes(this.#carry, this.#max)) return NONE;
    if (!this.#chunk) return this.#fail(this.#carry, undefined, []);
    const batches: LineBatch[] = [];
    const open = this.#cut(this.#carry, batches, [], false);
    return close(batches, open);
  }

  #scan(text: string, start: number): readonly LineBatch[] {
    let i = start;
    const n = text.length;
    let batches: LineBatch[] | undefined;
    let lines: string[] = [];
    let lf = text.indexOf('\n', i);
    let cr = text.indexOf('\r', i);
    while (lf !== -1 || cr !== -1) {
      let end: number;
      let next: number;
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        end = lf;
        next = lf + 1;
      } else {
        end = cr;
        if (cr + 1 === n) {
          next = n;
          this.#skipLf = true;
        } else next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        cr = text.indexOf('\r', next);
      }
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
      let line = text.slice(i, end);
      if (this.#carry.length > 0) {
        line = this.#carry + line;
        this.#carry = '';
      }
      i = next;
      if (exceedsBytes(line, this.#max)) {
        if (!this.#chunk) return this.#fail(line, batches, lines);
        batches ??= [];
        lines = this.#cut(line, batches, lines, true);
      } else lines.push(line);
    }
    if (i < n) this.#carry = this.#carry.length > 0 ? this.#carry + text.slice(i) : text.slice(i);
    if (this.#carry.length > 0 && exceedsBytes(this.#carry, this.#max)) {
      if (!this.#chunk) return this.#fail(this.#carry, batches, lines);
      batches ??= [];
      const rest = this.#carry;
      this.#carry = '';
      lines = this.#cut(rest, batches, lines, false);
    }
    return close(batches, lines);
  }

  /** Ends the stream: returns the trailing partial line, if any. */
  flush(): readonly LineBatch[] {
    this.#skipLf = false;
    if (this.#overflowBytes !== undefined || this.#carry.length === 0) return NONE;
    const last = this.#carry;
    this.#carry = '';
    return [{ lines: [last], partial: false }];
  }

  #fail(line: string, batches: LineBatch[] | undefined, lines: string[]): readonly LineBatch[] {
    this.#overflowBytes = Buffer.byteLength(line, 'utf8');
    this.#carry = '';
    return close(batches, lines);
  }

  // Splits an over-long line into pieces of at most maxLineBytes; every piece but the last closes
  // a batch as a fragment. A complete line's last piece opens the next batch; an open line's
  // remainder (under the limit) goes back to the carry.
  #cut(text: string, batches: LineBatch[], lines: string[], complete: boolean): string[] {
    let rest = text;
    let open = lines;
    while (exceedsBytes(rest, this.#max)) {
      const cut = utf8PrefixLength(rest, this.#max);
      open.push(rest.slice(0, cut));
      batches.push({ lines: open, partial: true });
      open = [];
      rest = rest.slice(cut);
    }
    if (complete) open.push(rest);
    else this.#carry = rest;
    return open;
  }
}

// The batches of one push: those closed by fragments, then the open lines.
function close(batches: LineBatch[] | undefined, lines: string[]): readonly LineBatch[] {
  if (lines.length === 0) return batches ?? NONE;
  const done = batches ?? [];
  done.push({ lines, partial: false });
  return done;
}
