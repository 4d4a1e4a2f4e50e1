import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { DocBlock } from './extract-blocks.js';

/**
 * What a reader's project would use: strict, Node ESM resolution through the package's `exports`
 * (so the built `dist/*.d.ts` is what gets checked), and `await using`.
 */
export const DOC_COMPILER_OPTIONS = {
  strict: true,
  target: 'es2023',
  lib: ['es2024', 'esnext.disposable'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
} as const;

/** A stable file-name stem for a block: `docs/sse.md` line 14 → `docs-sse-md-14`. */
export function blockId(block: Pick<DocBlock, 'file' | 'line'>): string {
  return `${block.file.replace(/[^a-zA-Z0-9]+/g, '-')}-${block.line}`;
}

/**
 * Writes each block as its own module under `dir` (with a `tsconfig.json`, so
 * `npx tsc -p <dir>` reproduces the check) and type-checks them in one program together with
 * `prelude`, the ambient globals file. Returns the diagnostics per block id, as
 * `file:line: message` with the line in the Markdown file.
 */
export function checkBlocks(
  blocks: readonly DocBlock[],
  dir: string,
  prelude: string,
): Map<string, string[]> {
  mkdirSync(dir, { recursive: true });
  const byFile = new Map<string, DocBlock>();
  for (const block of blocks) {
    const file = join(dir, `${blockId(block)}.mts`);
    // `export {}` keeps a block without imports a module, so blocks never share a scope.
    writeFileSync(file, `${block.code}\nexport {};\n`);
    byFile.set(file, block);
  }
  const files = [prelude, ...byFile.keys()];
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: DOC_COMPILER_OPTIONS, files }, null, 2),
  );
  const { options, errors } = ts.convertCompilerOptionsFromJson(DOC_COMPILER_OPTIONS, dir);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, formatHost(dir)));
  const program = ts.createProgram(files, options);
  const result = new Map<string, string[]>(blocks.map((b) => [blockId(b), []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const block = diagnostic.file ? byFile.get(diagnostic.file.fileName) : undefined;
    if (!block || !diagnostic.file || diagnostic.start === undefined) {
      // Outside any block (the prelude, the options): every block fails with it.
      for (const list of result.values()) list.push(`(doc-test harness) ${message}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    result
      .get(blockId(block))
      ?.push(`${block.file}:${block.line + 1 + line}: TS${diagnostic.code} ${message}`);
  }
  return result;
}

function formatHost(dir: string): ts.FormatDiagnosticsHost {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
}
