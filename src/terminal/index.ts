/**
 * `execution-plane/terminal`: operator terminals. `openTerminal()` runs a program on a PTY (via
 * `execution-plane/process`) that viewers attach to and detach from while it runs, with a bounded
 * scrollback replayed to late viewers, resize, and a registry of open terminals. Importing it
 * never loads node-pty; the optional peer is loaded when a terminal is first opened.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { TerminalErrorCode } from '../core/error-codes.js';
export { terminalDefaults } from './limits.js';
export { openTerminal } from './open-terminal.js';
export type { TerminalOptions } from './options.js';
export { isPtyAvailable } from './pty-available.js';
export { getTerminal, listTerminals, stopTerminal } from './registry.js';
export type { AttachOptions, Terminal, TerminalInfo } from './terminal.js';
export type { TerminalViewer } from './viewer.js';
