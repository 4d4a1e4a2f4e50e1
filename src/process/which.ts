import { access, constants, stat } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { processError } from './errors.js';

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

/** `node_modules/.bin` of `dir` and every directory above it, nearest first, then Node's own directory. */
function localBinDirs(dir: string): string[] {
  const dirs: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    dirs.push(join(at, 'node_modules', '.bin'));
    if (dirname(at) === at) break;
  }
  return [...dirs, dirname(process.execPath)];
}

/**
 * Checks that `command` can be exec'd as the spawn itself would look for it (the child's PATH,
 * `node_modules/.bin` upwards from `cwd` first with `preferLocal`, relative paths from `cwd`), and
 * throws the typed launch failure the spawn would have given (`COMMAND_NOT_FOUND`,
 * `COMMAND_NOT_EXECUTABLE`): behind a launcher, a missing program is only the launcher's exit 127.
 */
export async function checkLaunchable(spec: {
  readonly command: string;
  readonly cwd: string | undefined;
  readonly env: Record<string, string | undefined> | undefined;
  readonly preferLocal: boolean;
}): Promise<void> {
  const cwd = spec.cwd ?? process.cwd();
  const { command } = spec;
  if (command.includes('/')) {
    const path = resolve(cwd, command);
    if (await isExecutableFile(path)) return;
    if (await stat(path).catch(() => undefined)) {
      throw processError('COMMAND_NOT_EXECUTABLE', `Command not executable: ${command}`, 'launch_failed', {
        command,
      });
    }
  } else {
    // Without PATH, exec searches the C library's default (glibc: /bin:/usr/bin).
    const path = (spec.env ?? process.env).PATH ?? '/bin:/usr/bin';
    const dirs = [...(spec.preferLocal ? localBinDirs(cwd) : []), ...path.split(delimiter)];
    if (await resolveExecutable(command, dirs.map((d) => resolve(cwd, d || '.')).join(delimiter))) return;
  }
  throw processError('COMMAND_NOT_FOUND', `Command not found: ${command}`, 'launch_failed', { command });
}
