import { createInterface } from 'node:readline';

/** All of stdin, as bytes. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Calls `onLine` for each line of stdin; resolves at EOF. */
export async function forEachStdinLine(onLine: (line: string) => Promise<void> | void): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) await onLine(line);
}

/**
 * Ctrl-C (SIGINT) and SIGTERM call `onInterrupt` once (cancel the execution: its outcome decides
 * the exit code); a second one exits at once. Returns the function that stops watching.
 */
export function watchInterrupt(onInterrupt: () => unknown): () => void {
  let seen = false;
  const handler = () => {
    if (seen) process.exit(130);
    seen = true;
    void onInterrupt();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
