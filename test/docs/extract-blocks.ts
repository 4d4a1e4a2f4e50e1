/** What a block's `// doc-test: …` marker asks of the harness. */
export type DocBlockMode =
  /** Type-checked and run against the local peers (the default). */
  | 'run'
  /** Type-checked only; the marker says why it cannot run. */
  | 'no-run'
  /** A shape sketch, not a program: neither checked nor run; the marker says why. */
  | 'no-check';

/** One ```ts / ```typescript block of a Markdown file. */
export interface DocBlock {
  /** Path relative to the repository root, e.g. `docs/sse.md`. */
  readonly file: string;
  /** 1-based line of the opening fence; the code's first line is `line + 1`. */
  readonly line: number;
  readonly code: string;
  readonly mode: DocBlockMode;
  /** The marker's reason, for `no-run` and `no-check`. */
  readonly reason?: string;
  /** A malformed marker: the test for this block fails with this message. */
  readonly markerError?: string;
}

const FENCE_OPEN = /^```(?:ts|typescript)\s*$/;
const FENCE_CLOSE = /^```\s*$/;
const MARKER = /^\s*\/\/\s*doc-test:\s*(.*)$/;
// `// doc-test: no-run — reason` (an em dash, `--`, `-` or `:` before the reason).
const DIRECTIVE = /^(no-run|no-check)\s*(?:—|--|-|:)\s*(\S.*)$/;

/** Finds the TypeScript blocks of one Markdown text. Pure: the caller reads the file. */
export function extractBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i] ?? '')) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !FENCE_CLOSE.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    blocks.push({ file, line: start + 1, code: body.join('\n'), ...readMarker(body) });
  }
  return blocks;
}

function readMarker(body: readonly string[]): Pick<DocBlock, 'mode' | 'reason' | 'markerError'> {
  const markers = body.map((l) => MARKER.exec(l)?.[1]?.trim()).filter((m) => m !== undefined);
  if (markers.length === 0) return { mode: 'run' };
  const [text] = markers;
  const directive = DIRECTIVE.exec(text ?? '');
  if (markers.length > 1 || !directive) {
    return {
      mode: 'run',
      markerError: `expected one "// doc-test: no-run — reason" or "// doc-test: no-check — reason", got ${JSON.stringify(markers)}`,
    };
  }
  return { mode: directive[1] as 'no-run' | 'no-check', reason: directive[2] };
}
