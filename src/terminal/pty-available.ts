import { loadNodePty } from '../internal/load-node-pty.js';

/**
 * Resolves true when the optional peer node-pty can be loaded (this loads it).
 *
 * @example
 * if (!(await isPtyAvailable())) console.log('run `npm install node-pty` for PTY support');
 */
export async function isPtyAvailable(): Promise<boolean> {
  try {
    await loadNodePty();
    return true;
  } catch {
    return false;
  }
}
