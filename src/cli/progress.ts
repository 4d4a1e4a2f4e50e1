import { createReadStream } from 'node:fs';
import type { Output } from './output.js';

/** Bodies at least this big get a progress line (on a TTY). */
export const PROGRESS_FROM_BYTES = 1024 * 1024;

const WIDTH = 24;

/** `[#########---------------]  37%  3.7/10.0 MiB` */
export function progressBar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * WIDTH);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${percent}  ${formatMiB(done)}/${formatMiB(total)} MiB`;
}

function formatMiB(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * A file body that reports its upload on the progress line as the HTTP lane pulls it. (A streamed
 * body is sent once — the lane never replays it — which is why it is used only when progress is
 * shown.)
 */
export async function* fileWithProgress(path: string, size: number, out: Output): AsyncGenerator<Uint8Array> {
  let sent = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    yield chunk as Buffer;
    sent += (chunk as Buffer).byteLength;
    out.progress(`sending   ${progressBar(sent, size)}`);
  }
}

/** Redraws `receiving <size> … <seconds> s` until stopped (the lane buffers the body whole). */
export function receivingProgress(out: Output, size: number): () => void {
  const started = Date.now();
  const draw = () =>
    out.progress(`receiving ${formatMiB(size)} MiB … ${((Date.now() - started) / 1000).toFixed(1)} s`);
  draw();
  const timer = setInterval(draw, 250);
  return () => clearInterval(timer);
}
