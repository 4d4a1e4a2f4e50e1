import { invalidOptions } from '../core/errors.js';
import { processDefaults } from './limits.js';
import type { ProcessSettings } from './settings.js';
import type { SshSurfaceOptions } from './surface-options.js';
import { TREE_WALK_SH } from './tree-walk-sh.js';

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

// The walk sets t, s, p, d, n and more; the wrapper's own variables avoid those names.
/**
 * The remote wrapper, fixed text (caller input reaches it only as `$1`, the already-quoted command
 * line). sshd starts the login shell in a session of its own, and the login shell execs this
 * wrapper, so the wrapper leads that session. It runs the command in the background with the
 * connection's stdin, and a watcher polls the sshd session process (`$PPID`) every second: when
 * the connection drops — the local ssh client was killed by cancel, timeout, `close()` or its
 * owner's death — sshd's session process exits, and the watcher sends SIGTERM, then SIGKILL two
 * seconds later, to every process of the session and their descendants (walked in /proc), or to
 * the process group where there is no /proc. When the command ends on its own, what it left in
 * the session is killed too and its exit status is passed on (a signal death becomes 128+n).
 */
const REMOTE_WRAPPER = `pp=$PPID live=" $$ "
${TREE_WALK_SH}
hit() {
  { read -r me _ < /proc/self/stat; } 2>/dev/null || { kill "-$1" 0; return; }
  tree
  for q in $t; do [ "$q" = "$me" ] || [ "$q" = "$2" ] || kill "-$1" "$q" 2>/dev/null; done
}
exec 3<&0
sh -c "$1" <&3 3<&- &
c=$!
exec 3<&- 0</dev/null
(
  trap '' TERM HUP
  while kill -0 "$pp" 2>/dev/null && kill -0 "$c" 2>/dev/null; do sleep 1; done
  kill -0 "$c" 2>/dev/null || exit 0
  hit TERM "$$"; sleep 2; hit KILL "$$"; kill -KILL "$$"
) >/dev/null 2>&1 &
w=$!
wait "$c"
rc=$?
kill "$w" 2>/dev/null
hit KILL "$$"
exit "$rc"`;

/**
 * What the remote login shell runs. Without a PTY the command runs under the fixed remote wrapper
 * (see above), so dropping the connection ends the remote tree; with a PTY it is exec'd directly
 * and the remote terminal's hangup ends it.
 */
export function remoteInvocation(launch: RemoteLaunch, entry: string): string {
  const line = remoteCommandLine(launch, entry);
  if (launch.pty) return line;
  return `exec sh -c ${shellQuote(REMOTE_WRAPPER)} ep-remote ${shellQuote(line)}`;
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
