import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { SshSurfaceOptions } from '../../../src/process/index.js';

/** A real OpenSSH server on 127.0.0.1 with throwaway keys, for one test file. */
export interface TestSshd {
  readonly port: number;
  /** known_hosts holding the server's generated host key. */
  readonly knownHostsFile: string;
  /** Private key authorised for `user`. */
  readonly identityFile: string;
  readonly user: string;
  readonly dir: string;
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `sshd -D -e` on a free loopback port with a generated host key, a generated client key
 * in a temporary authorized_keys, PAM off and the pid file in the temp dir. Resolves once the
 * server logs that it is listening.
 */
export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'ep-sshd-'));
  const hostKey = join(dir, 'host_key');
  const identityFile = join(dir, 'client_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', identityFile]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${identityFile}.pub`));
  const port = await freePort();
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8')}`);
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      // The temp dir is not root-owned 0755 all the way up, which StrictModes would refuse.
      'StrictModes no',
      'LogLevel INFO',
      // The default post-quantum exchange costs most of a connection on a small test machine.
      'KexAlgorithms curve25519-sha256',
      '',
    ].join('\n'),
  );
  // The privilege separation directory; packages create it at service start, we start sshd by hand.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const sshd: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000);
    sshd.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    sshd.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}: ${log}`));
    });
  });
  sshd.stderr?.resume();
  return {
    port,
    knownHostsFile,
    identityFile,
    user: userInfo().username,
    dir,
    async stop() {
      if (sshd.exitCode === null) {
        const exited = new Promise((resolve) => sshd.once('exit', resolve));
        sshd.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ssh surface options that reach `sshd` as its test user, host key checked. */
export function sshSurface(sshd: TestSshd): SshSurfaceOptions {
  return {
    kind: 'ssh',
    destination: '127.0.0.1',
    port: sshd.port,
    identityFile: sshd.identityFile,
    knownHostsFile: sshd.knownHostsFile,
  };
}
