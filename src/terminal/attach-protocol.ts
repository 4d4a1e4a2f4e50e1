import { ExecutionError } from '../core/errors.js';
import type { ViewerMode } from './viewer.js';

/**
 * The attach protocol over WebSocket: one JSON object per text frame. Client → server: `attach`
 * (first, within the auth timeout), then `input`, `resize`, `detach`. Server → client:
 * `attached`, `output`, `dropped`, `error`, `exit`. Pure: parsing and encoding only.
 */
export type ClientFrame =
  | {
      readonly type: 'attach';
      readonly token: string;
      readonly mode: ViewerMode;
      readonly replay: boolean;
      readonly grant?: unknown;
    }
  | { readonly type: 'input'; readonly data: string }
  | { readonly type: 'resize'; readonly cols: number; readonly rows: number }
  | { readonly type: 'detach' };

/** Frames the server sends. */
export type ServerFrame =
  | { type: 'attached'; terminal_id: string; mode: ViewerMode; cols: number; rows: number }
  | { type: 'output'; data: string }
  | { type: 'dropped'; bytes: number; total_bytes: number }
  | { type: 'error'; code: string; message: string }
  | { type: 'exit'; status: string };

/** Close codes: why the server closed a connection (1009 is the WebSocket's own "too big"). */
export const CLOSE = {
  normal: 1000,
  tooBig: 1009,
  unauthenticated: 4401,
  forbidden: 4403,
  authTimeout: 4408,
  conflict: 4409,
  revoked: 4410,
  badFrames: 4400,
} as const;

const MAX_SIZE = 10_000;

function bad(message: string): ExecutionError {
  return new ExecutionError('BAD_FRAME', message);
}

/** Parses one client frame; throws `BAD_FRAME` naming what is wrong. */
export function parseClientFrame(text: string): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('a frame must be one JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('a frame must be one JSON object');
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'attach': {
      if (typeof frame.token !== 'string') throw bad('attach needs a string `token`');
      const mode = frame.mode ?? 'view';
      if (mode !== 'view' && mode !== 'control') throw bad("attach `mode` is 'view' or 'control'");
      if (frame.replay !== undefined && typeof frame.replay !== 'boolean')
        throw bad('attach `replay` is a boolean');
      return {
        type: 'attach',
        token: frame.token,
        mode,
        replay: frame.replay !== false,
        ...(frame.grant === undefined ? {} : { grant: frame.grant }),
      };
    }
    case 'input':
      if (typeof frame.data !== 'string') throw bad('input needs a string `data`');
      return { type: 'input', data: frame.data };
    case 'resize': {
      const { cols, rows } = frame;
      for (const n of [cols, rows]) {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_SIZE)
          throw bad(`resize needs integer \`cols\` and \`rows\` from 1 to ${MAX_SIZE}`);
      }
      return { type: 'resize', cols: cols as number, rows: rows as number };
    }
    case 'detach':
      return { type: 'detach' };
    default:
      throw bad(`unknown frame type ${JSON.stringify(frame.type)}`);
  }
}

/** Encodes a server frame. */
export function encodeServerFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

/** The close code for a refused attach, by the refusal's code. */
export function closeCodeFor(code: string): number {
  switch (code) {
    case 'AUTHENTICATION_FAILED':
      return CLOSE.unauthenticated;
    case 'AUTHENTICATION_TIMEOUT':
      return CLOSE.authTimeout;
    case 'ATTACH_REVOKED':
      return CLOSE.revoked;
    case 'CONTROLLER_TAKEN':
    case 'LIMIT_EXCEEDED':
      return CLOSE.conflict;
    default:
      return CLOSE.forbidden;
  }
}
