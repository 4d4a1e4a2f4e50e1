import type { Writable } from 'node:stream';
import { ExecutionError } from '../core/errors.js';
import { sessionClosed } from './errors.js';

/**
 * Writes `data` to `stream` and resolves when the stream has handed it to the OS (the child has
 * taken it into its pipe): one callback per write, no `drain` listeners. More than `maxPending`
 * bytes queued and not yet taken is `LIMIT_EXCEEDED` instead of silent buffering.
 */
export function writeWithin(stream: Writable, data: Uint8Array, maxPending: number): Promise<void> {
  if (stream.destroyed) return Promise.reject(sessionClosed('write'));
  if (stream.writableEnded) {
    return Promise.reject(
      new ExecutionError('WRITE_FAILED', 'Cannot write: stdin was ended', {
        details: { operation: 'write' },
      }),
    );
  }
  if (stream.writableLength + data.length > maxPending) {
    return Promise.reject(
      new ExecutionError(
        'LIMIT_EXCEEDED',
        `stdin has ${stream.writableLength} bytes not yet taken by the child; writing ${data.length} more would exceed maxPendingWriteBytes (${maxPending})`,
        { details: { limit: 'maxPendingWriteBytes', max: maxPending, pending: stream.writableLength } },
      ),
    );
  }
  return new Promise((resolve, reject) => {
    stream.write(data, (error) => {
      if (!error) return resolve();
      reject(
        new ExecutionError('WRITE_FAILED', `Writing to stdin failed: ${error.message}`, {
          details: { errno: (error as NodeJS.ErrnoException).code ?? null },
          cause: error,
        }),
      );
    });
  });
}
