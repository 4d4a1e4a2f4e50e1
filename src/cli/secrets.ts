import { readFile } from 'node:fs/promises';

/** A secret's source in the config: a file or an environment variable. */
export type SecretSource = { readonly file: string } | { readonly env: string };

/**
 * Reads each source; a source that cannot be read is a problem named by its config path and its
 * source (the file or variable name), never by its value. Returns the values, or the problems.
 */
export async function readSecrets(
  entries: readonly { readonly path: string; readonly source: SecretSource }[],
): Promise<{ values: string[]; problems: string[] }> {
  const values: string[] = [];
  const problems: string[] = [];
  for (const { path, source } of entries) {
    if ('env' in source) {
      const value = process.env[source.env];
      if (value === undefined || value === '')
        problems.push(`${path}: environment variable ${source.env} is not set`);
      else values.push(value);
      continue;
    }
    try {
      const value = (await readFile(source.file, 'utf8')).trim();
      if (value === '') problems.push(`${path}: file ${source.file} is empty`);
      else values.push(value);
    } catch (error) {
      problems.push(
        `${path}: cannot read ${source.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  return { values, problems };
}
