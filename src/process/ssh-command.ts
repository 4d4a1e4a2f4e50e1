import { invalidOptions } from '../core/errors.js';
import { processDefaults } from './limits.js';
import { REMOTE_WRAPPER_SH } from './remote-wrapper-sh.js';
import type { ProcessSettings } from './settings.js';
import type { SshSurfaceOptions } from './surface-options.js';

/** The launch facts the remote side needs. */
export type RemoteLaunch = Pick<
  ProcessSettings,
  'command' | 'args' | 'cwd' | 'env' | 'clearEnv' | 'inheritEnv' | 'user'
> & { readonly pty: boolean };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * POSIX single-quoting: every byte is literal inside `'…'`, and a quote is closed, escaped and
 * reopened. Survives spaces, `$`, backquotes, `;`, newlines and any non-ASCII text.
 *
 * @example
 * shellQuote("it's"); // 'it'\''s'
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * The command line the remote login shell runs: `cd <cwd> && exec env [-i] K=V … <cmd> <args>`,
 * every piece quoted. Allow-listed variables are copied from the remote environment only when
 * set there (`${NAME+NAME="$NAME"}`). Needs a POSIX-compatible login shell on the remote host.
 */
export function remoteCommandLine(launch: RemoteLaunch, entry: string): string {
  const assignments = Object.entries(launch.env ?? {}).map(([k, v]) => shellQuote(`${k}=${v}`));
  const inherited = (launch.inheritEnv ?? []).map((name) => {
    if (!IDENTIFIER.test(name)) {
      throw invalidOptions(
        `inheritEnv`,
        'shell variable names on the ssh surface',
        JSON.stringify(name),
        entry,
      );
    }
    return `\${${name}+${name}="$${name}"}`;
  });
  const clearing = launch.clearEnv || launch.inheritEnv !== undefined;
  const usesEnv = clearing || assignments.length > 0;
  if (usesEnv && (launch.command.includes('=') || launch.command.startsWith('-'))) {
    throw invalidOptions(
      'command',
      'no "=" or leading "-" when env is set on the ssh surface',
      JSON.stringify(launch.command),
      entry,
    );
  }
  const words = [
    'exec',
    ...(usesEnv ? ['env', ...(clearing ? ['-i'] : []), ...inherited, ...assignments] : []),
    shellQuote(launch.command),
    ...launch.args.map(shellQuote),
  ];
  const line = words.join(' ');
  return launch.cwd === undefined ? line : `cd ${shellQuote(launch.cwd)} && ${line}`;
}

/**
 * What the remote login shell runs: the command line under the fixed remote wrapper (see
 * `REMOTE_WRAPPER_SH`), with or without a PTY, so dropping the connection ends the remote tree.
 */
export function remoteInvocation(launch: RemoteLaunch, entry: string): string {
  const line = remoteCommandLine(launch, entry);
  return `exec sh -c ${shellQuote(REMOTE_WRAPPER_SH)} ep-remote ${shellQuote(line)}`;
}

/**
 * The OpenSSH client argv. Caller `sshOptions` come first because ssh keeps the first value it
 * sees for an option, so they override the defaults: `BatchMode=yes` (never prompt),
 * `StrictHostKeyChecking=yes` (unknown hosts are refused, never added) and `ConnectTimeout`. The
 * destination follows `--`, so it can never be read as an option.
 */
export function sshArgv(surface: SshSurfaceOptions, launch: RemoteLaunch, entry: string): string[] {
  const argv: string[] = [launch.pty ? '-tt' : '-T', '-e', 'none'];
  for (const [key, value] of Object.entries(surface.sshOptions ?? {})) argv.push('-o', `${key}=${value}`);
  argv.push(
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `ConnectTimeout=${surface.connectTimeoutSeconds ?? processDefaults.sshConnectTimeoutSeconds}`,
  );
  if (surface.knownHostsFile !== undefined) argv.push('-o', `UserKnownHostsFile=${surface.knownHostsFile}`);
  if (surface.port !== undefined) argv.push('-p', String(surface.port));
  if (surface.identityFile !== undefined) argv.push('-i', surface.identityFile, '-o', 'IdentitiesOnly=yes');
  if (launch.user !== undefined) argv.push('-l', launch.user);
  argv.push(...(surface.sshArgs ?? []), '--', surface.destination, remoteInvocation(launch, entry));
  return argv;
}
