import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves `command` the way exec would: a name with a slash is taken as a path, a bare name is
 * looked up on `searchPath` — the child's PATH, not this process's (the reference used the
 * parent's). Returns the executable path, or `undefined` when there is none.
 */
export async function resolveExecutable(
  command: string,
  searchPath: string | undefined,
): Promise<string | undefined> {
  if (command.includes('/')) return (await isExecutableFile(command)) ? command : undefined;
  for (const dir of (searchPath ?? '').split(delimiter)) {
    const candidate = join(dir || '.', command);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
