import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { processError } from './errors.js';

// Synchronous on purpose: each call is one cached-dentry lookup of a few microseconds, where a
// thread-pool round trip costs tens, and a PATH search makes several (the spawn that follows
// blocks the loop far longer in fork and exec).
// A missing entry (most of a PATH search) is answered without building an Error.
function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** `node_modules/.bin` of `dir` and every directory above it, nearest first, then Node's own directory. */
export function localBinDirs(dir: string): string[] {
  const dirs: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    dirs.push(join(at, 'node_modules', '.bin'));
    if (dirname(at) === at) break;
  }
  return [...dirs, dirname(process.execPath)];
}

/**
 * Checks that `command` can be exec'd as the spawn itself would look for it (a name with a slash
 * as a path from `cwd`; a bare name on the child's PATH — not this process's, as the reference
 * did; with `preferLocal` that PATH already leads with `node_modules/.bin`), and throws the typed
 * launch failure (`COMMAND_NOT_FOUND`, `COMMAND_NOT_EXECUTABLE`) that a plain spawn gives by itself:
 * behind a launcher a missing program is only its exit 127, and node-pty only prints it.
 */
export function checkLaunchable(spec: {
  readonly command: string;
  readonly cwd: string | undefined;
  readonly env: Record<string, string | undefined> | undefined;
}): void {
  const cwd = spec.cwd ?? process.cwd();
  const { command } = spec;
  if (command.includes('/')) {
    const path = resolve(cwd, command);
    if (isExecutableFile(path)) return;
    if (exists(path)) {
      throw processError('COMMAND_NOT_EXECUTABLE', `Command not executable: ${command}`, 'launch_failed', {
        command,
      });
    }
  } else {
    // Without PATH, exec searches the C library's default (glibc: /bin:/usr/bin).
    const path = (spec.env ?? process.env).PATH ?? '/bin:/usr/bin';
    for (const dir of path.split(delimiter)) {
      if (isExecutableFile(join(resolve(cwd, dir || '.'), command))) return;
    }
  }
  throw processError('COMMAND_NOT_FOUND', `Command not found: ${command}`, 'launch_failed', { command });
}
