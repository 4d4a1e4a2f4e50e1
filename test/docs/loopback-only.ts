/**
 * Loaded with `--import` before every doc block: a socket to anything but loopback or a Unix path
 * throws, so a URL that slipped past the host rewrite fails the block instead of reaching out.
 */
import net from 'node:net';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The host of `Socket#connect`'s arguments (already-normalized `[options, cb]` or the raw forms). */
function targetHost(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: string; host?: string };
    return options.path !== undefined ? undefined : (options.host ?? 'localhost');
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  return undefined; // a Unix socket path
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== undefined && !LOOPBACK.has(host)) {
    throw new Error(`doc-test: a doc block tried to reach ${host}; only loopback peers are allowed`);
  }
  return Reflect.apply(connect, this, args);
} as typeof connect;
