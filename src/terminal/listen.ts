import type { Server } from 'node:net';
import { ExecutionError } from '../core/errors.js';

/**
 * Starts `server` listening on `host:port` and resolves with the bound port; a listen error
 * (`EADDRINUSE`, `EACCES` …) rejects as `LISTEN_FAILED` naming the address. Shared by the SSH and
 * WebSocket transports.
 */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ExecutionError(
          'LISTEN_FAILED',
          `cannot listen on ${host}:${port}: ${error.code ?? error.message}`,
          {
            cause: error,
            details: { host, port },
          },
        ),
      ),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
