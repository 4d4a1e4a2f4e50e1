/**
 * `execution-plane/terminal`: operator terminals. `openTerminal()` hosts a program on a PTY (via
 * `execution-plane/process`) or an in-process app (an Ink app runs unchanged), which viewers attach
 * to — read-only or controlling, bounded in bytes, with scrollback replay — in process, over SSH
 * (`ssh_terminal`), over WebSocket with a browser page (`distributed_terminal`) or on this
 * process's TTY (`local_terminal`), optionally behind `AttachGrant.v1` grants and recorded as
 * asciicast v2. `terminals` is the registry. Importing it loads none of node-pty, ssh2 or ws: each
 * is loaded when a terminal or transport that needs it starts.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export type { TerminalErrorCode } from '../core/error-codes.js';
export type { TerminalApp, TerminalIO } from './app.js';
export { terminalDefaults } from './limits.js';
export { openTerminal } from './open-terminal.js';
export type { SshTransportOptions, TerminalOptions, WebTransportOptions } from './options.js';
export { isPtyAvailable } from './pty-available.js';
export { terminals } from './registry.js';
export type { AttachOptions, Terminal, TerminalInfo } from './terminal.js';
export type { TerminalViewer } from './viewer.js';
