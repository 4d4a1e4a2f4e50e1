import { ExecutionError } from '../core/errors.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;

/**
 * Where a parser's findings go. `event` runs once per dispatched event, so the sink builds the
 * object its consumer keeps (the lane builds its payload there: no intermediate message object).
 */
export interface EventStreamSink {
  /** A blank line ended a block with data; `event` and `id` are `undefined` when it had none. */
  event(data: string, event: string | undefined, id: string | undefined): void;
  /** A block set the last event id (before its `event`, also for a block without data). */
  id(id: string): void;
  /** `retry:` with digits only, in milliseconds. */
  retry(ms: number): void;
  /** A comment line, without the colon and one leading space; `null` skips comments unsliced. */
  readonly comment: ((text: string) => void) | null;
  /** A line that was skipped: an unknown field, or a `retry:` that is not all digits. */
  ignored(type: 'unknown-field' | 'invalid-retry', line: string): void;
}

/**
 * The WHATWG `text/event-stream` grammar as a pure engine: LF, CRLF and CR endings (a CR ending
 * one chunk and the LF starting the next are one ending), one leading BOM, fields with and
 * without a space after the colon, `id` values with NUL ignored, a block's data lines joined
 * with `\n`. An event's data, and any partial line, are bounded by `maxEventBytes` (decoded
 * characters): over it, `feed` throws `LIMIT_EXCEEDED`, and again on every feed until `reset`.
 *
 * The common block, one `data:` line then a blank line with LF endings, is dispatched as a
 * slice of the chunk with one `indexOf` per event.
 */
export class EventStreamParser {
  #sink: EventStreamSink;
  #max: number;
  #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #bomPending = true;
  // The chunk ended in CR: a LF starting the next one belongs to it.
  #skipLf = false;
  // The unterminated end of the last chunk.
  #carry = '';
  #data = '';
  #dataLines = 0;
  #event: string | undefined;
  #id: string | undefined;
  #overflow: ExecutionError | undefined;

  constructor(sink: EventStreamSink, maxEventBytes: number) {
    this.#sink = sink;
    this.#max = maxEventBytes;
  }

  /** Parses a chunk of bytes (UTF-8, characters may be split across chunks) or text. */
  feed(chunk: Uint8Array | string): void {
    if (this.#overflow) throw this.#overflow;
    let text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (this.#bomPending) {
      if (text === '') return;
      this.#bomPending = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    let from = 0;
    if (this.#skipLf) {
      if (text === '') return;
      this.#skipLf = false;
      if (text.charCodeAt(0) === LF) from = 1;
    }
    this.#lines(text, from);
  }

  /** Drops any partial event and line, as after a dropped connection. */
  reset(): void {
    this.#decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    this.#bomPending = true;
    this.#skipLf = false;
    this.#carry = '';
    this.#data = '';
    this.#dataLines = 0;
    this.#event = undefined;
    this.#id = undefined;
    this.#overflow = undefined;
  }

  #lines(text: string, from: number): void {
    const length = text.length;
    // A stream with LF endings never finds a CR: one search per chunk.
    let cr = text.indexOf('\r', from);
    let lf = text.indexOf('\n', from);
    if (this.#carry !== '') {
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(cr, lf);
      if (end === -1) {
        this.#keep(this.#carry + text.slice(from));
        return;
      }
      const line = this.#carry + text.slice(from, end);
      this.#carry = '';
      this.#line(line, 0, line.length);
      from = this.#after(text, end);
    }
    while (from < length) {
      if (lf !== -1 && lf < from) lf = text.indexOf('\n', from);
      if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      if (end === -1) {
        this.#keep(text.slice(from));
        return;
      }
      // `data: …\n\n` opening a block: the event, straight from the chunk (no line split, no
      // second pass for the blank line, and its one line is its data: nothing to join or keep).
      if (
        end === lf &&
        this.#dataLines === 0 &&
        text.charCodeAt(end + 1) === LF &&
        isData(text, from, text.charCodeAt(from))
      ) {
        const data = text.slice(dataStart(text, from), end);
        if (data.length > this.#max) this.#tooLarge();
        this.#endBlock(data);
        from = end + 2;
        continue;
      }
      this.#line(text, from, end);
      from = this.#after(text, end);
    }
  }

  // Where the next line starts after the ending at `end` (a CRLF is one ending).
  #after(text: string, end: number): number {
    if (text.charCodeAt(end) !== CR) return end + 1;
    if (end + 1 === text.length) {
      this.#skipLf = true;
      return end + 1;
    }
    return text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  }

  #keep(partial: string): void {
    if (partial.length + this.#data.length > this.#max) this.#tooLarge();
    this.#carry = partial;
  }

  #line(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (isData(text, start, first)) {
      this.#appendData(text.slice(dataStart(text, start), end));
      return;
    }
    if (first === COLON) {
      const comment = this.#sink.comment;
      if (comment) comment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      return;
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value =
      colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    switch (field) {
      case 'data':
        this.#appendData(value);
        return;
      case 'event':
        this.#event = value === '' ? undefined : value;
        return;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) this.#sink.retry(Number.parseInt(value, 10));
        else this.#sink.ignored('invalid-retry', line);
        return;
      default:
        this.#sink.ignored('unknown-field', line);
    }
  }

  #appendData(value: string): void {
    this.#data = this.#dataLines === 0 ? value : `${this.#data}\n${value}`;
    this.#dataLines++;
    if (this.#data.length > this.#max) this.#tooLarge();
  }

  // A blank line: the block's data lines, joined, are its event's data.
  #dispatch(): void {
    const data = this.#dataLines > 0 ? this.#data : undefined;
    this.#data = '';
    this.#dataLines = 0;
    this.#endBlock(data);
  }

  // Ends a block: its id, if it set one, becomes the last event id; then its data, if it had any,
  // is dispatched as an event. Fields are cleared only when set (most blocks set none).
  #endBlock(data: string | undefined): void {
    const id = this.#id;
    const event = this.#event;
    if (id !== undefined) {
      this.#id = undefined;
      this.#sink.id(id);
    }
    if (event !== undefined) this.#event = undefined;
    if (data !== undefined) this.#sink.event(data, event, id);
  }

  #tooLarge(): never {
    this.reset();
    this.#overflow = new ExecutionError(
      'LIMIT_EXCEEDED',
      `an SSE event exceeds maxEventBytes (${this.#max})`,
      {
        failureClass: 'protocol_framing_failed',
        details: { limit: 'maxEventBytes', limit_value: this.#max },
      },
    );
    throw this.#overflow;
  }
}

// Where the value of a `data:` line at `i` starts: after the colon and one optional space.
function dataStart(text: string, i: number): number {
  return text.charCodeAt(i + 5) === SPACE ? i + 6 : i + 5;
}

// `data:` at `i` (`first` is the code there); char codes, as startsWith measured slower here.
function isData(text: string, i: number, first: number): boolean {
  return (
    first === 100 &&
    text.charCodeAt(i + 1) === 97 &&
    text.charCodeAt(i + 2) === 116 &&
    text.charCodeAt(i + 3) === 97 &&
    text.charCodeAt(i + 4) === COLON
  );
}
