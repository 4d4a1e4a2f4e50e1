import type { Writable } from 'node:stream';
import { ExecutionError } from '../core/errors.js';
import { sessionClosed } from './errors.js';

/**
 * Writes `data` to `stream` and resolves when the stream has handed it to the OS (the child has
 * taken it into its pipe): one callback per write, no `drain` listeners. More than `maxPending`
 * bytes queued and not yet taken is `LIMIT_EXCEEDED` instead of silent buffering.
 */
export function writeWithin(stream: Writable, data: Uint8Array, maxPending: number): Promise<void> {
  const refused = refusal(stream, data, maxPending);
  if (refused) return Promise.reject(refused);
  return new Promise((resolve, reject) => {
    stream.write(data, (error) => {
      if (!error) return resolve();
      reject(writeFailed(error));
    });
  });
}

/**
 * Writes `data` now, with no promise unless the stream asks the writer to wait: `undefined` when
 * it took the data under its high-water mark, else a promise of its `drain` (or its close). A
 * write the stream cannot take at all (closed, ended, over `maxPending`) returns the refusal
 * without writing. A write that fails later surfaces as the stream's `error` event (map it with
 * {@link writeFailed}): no callback per write, which made Node queue a tick per write. For writers
 * that send many small frames and treat a failed write as the end of the stream (a JSON-RPC channel).
 */
export function writeNow(
  stream: Writable,
  data: string | Uint8Array,
  maxPending: number,
): ExecutionError | undefined | Promise<void> {
  const refused = refusal(stream, data, maxPending);
  if (refused) return refused;
  if (stream.write(data)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function refusal(
  stream: Writable,
  data: string | Uint8Array,
  maxPending: number,
): ExecutionError | undefined {
  if (stream.destroyed) return sessionClosed('write');
  if (stream.writableEnded) {
    return new ExecutionError('WRITE_FAILED', 'Cannot write: stdin was ended', {
      details: { operation: 'write' },
    });
  }
  // Text is counted in UTF-8 bytes only when it could matter: a UTF-16 unit is at most 3 bytes.
  const pending = stream.writableLength;
  if (typeof data === 'string' && pending + data.length * 3 <= maxPending) return undefined;
  const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (pending + length > maxPending) {
    return new ExecutionError(
      'LIMIT_EXCEEDED',
      `stdin has ${stream.writableLength} bytes not yet taken by the child; writing ${length} more would exceed maxPendingWriteBytes (${maxPending})`,
      { details: { limit: 'maxPendingWriteBytes', max: maxPending, pending: stream.writableLength } },
    );
  }
  return undefined;
}

/** A failed stdin write as the process lane reports it. */
export function writeFailed(error: Error): ExecutionError {
  return new ExecutionError('WRITE_FAILED', `Writing to stdin failed: ${error.message}`, {
    details: { errno: (error as NodeJS.ErrnoException).code ?? null },
    cause: error,
  });
}
