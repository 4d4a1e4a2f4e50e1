/**
 * `execution-plane/terminal`: operator terminals on PTYs. Importing it never loads node-pty;
 * the optional peer is loaded on first use.
 *
 * @module
 */

export { isPtyAvailable } from './pty-available.js';
