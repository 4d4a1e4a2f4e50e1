import { randomUUID } from 'node:crypto';
import { isExecutionError } from '../core/errors.js';
import type { TerminalViewer } from '../terminal/index.js';
import { paramsOf } from './remote-protocol.js';
import type { RpcConnection } from './rpc-modules.js';

/**
 * The terminal methods of a node server (`serveNode(node, { terminals: … })`): the node's
 * process-wide terminal registry, reached by authenticated clients. Every answer is
 * `{ ok: true, … }` or `{ ok: false, code, message }` with a `TerminalErrorCode`.
 */
export const TERMINAL_METHODS = {
  /** → `{ ok, terminals: TerminalInfo[] }` (sorted by id) */
  list: 'terminal.list',
  /** `{ terminal_id? }` → `{ ok, info: TerminalInfo | null }` (without an id: the only terminal) */
  info: 'terminal.info',
  /** `{ command, args?, options? }` → `{ ok, info }`; only with `terminals: { open: true }` */
  open: 'terminal.open',
  /** `{ terminal_id }` → `{ ok, stopped: boolean }` */
  stop: 'terminal.stop',
  /** `{ terminal_id, mode?, replay?, grant? }` → `{ ok, attach_id, mode, cols, rows }`, then notifications */
  attach: 'terminal.attach',
  /** `{ attach_id, data }` → `{ ok }` */
  input: 'terminal.input',
  /** `{ attach_id, cols, rows }` → `{ ok }` */
  resize: 'terminal.resize',
  /** `{ attach_id }` → `{ ok }` */
  detach: 'terminal.detach',
} as const;

/** Server → client notifications of an attachment. */
export const TERMINAL_NOTIFICATIONS = {
  /** `{ attach_id, data }` */
  output: 'terminal.output',
  /** `{ attach_id, bytes, total_bytes }`: this viewer was too slow and lost output */
  dropped: 'terminal.dropped',
  /** `{ attach_id, status, code?, message? }`: the attachment ended (detach, revocation, the terminal's end) */
  ended: 'terminal.ended',
} as const;

/** The program keys a remote `terminal.open` may set (JSON-safe; never transports or recordings). */
const REMOTE_OPEN_KEYS = ['id', 'cols', 'rows', 'cwd', 'env', 'termName', 'scrollbackBytes', 'maxViewers'];

function refusal(error: unknown) {
  return isExecutionError(error)
    ? { ok: false, code: error.code, message: error.message }
    : { ok: false, code: 'EXECUTION_FAILED', message: String(error) };
}

async function answer<T extends object>(work: () => Promise<T> | T): Promise<T | ReturnType<typeof refusal>> {
  try {
    return await work();
  } catch (error) {
    return refusal(error);
  }
}

/**
 * Registers the terminal methods on one client connection. The terminal subpath is loaded on the
 * first call. Attachments of the connection are detached when it ends.
 */
export function serveTerminals(rpc: RpcConnection, policy: { readonly open: boolean }): void {
  const attachments = new Map<string, TerminalViewer>();
  const terminal = () => import('../terminal/index.js');
  const onViewer =
    (work: (v: TerminalViewer, p: Record<string, unknown>) => Promise<void>) => (params: unknown) =>
      answer(async () => {
        const p = paramsOf(params);
        const found = attachments.get(String(p.attach_id));
        if (!found)
          return {
            ok: false,
            code: 'BAD_FRAME',
            message: `unknown attach_id ${JSON.stringify(p.attach_id)}`,
          };
        await work(found, p);
        return { ok: true };
      });

  rpc.onRequest(TERMINAL_METHODS.list, () =>
    answer(async () => ({ ok: true, terminals: (await terminal()).terminals.list() })),
  );
  rpc.onRequest(TERMINAL_METHODS.info, (params) =>
    answer(async () => {
      const id = paramsOf(params).terminal_id;
      return {
        ok: true,
        info: (await terminal()).terminals.info(typeof id === 'string' ? id : undefined) ?? null,
      };
    }),
  );
  rpc.onRequest(TERMINAL_METHODS.stop, (params) =>
    answer(async () => ({
      ok: true,
      stopped: await (await terminal()).terminals.stop(String(paramsOf(params).terminal_id)),
    })),
  );
  rpc.onRequest(TERMINAL_METHODS.open, (params) =>
    answer(async () => {
      if (!policy.open) {
        return { ok: false, code: 'NOT_SUPPORTED', message: 'this node does not open terminals for clients' };
      }
      const p = paramsOf(params);
      const given = paramsOf(p.options);
      const unknown = Object.keys(given).find((key) => !REMOTE_OPEN_KEYS.includes(key));
      if (unknown !== undefined) {
        return {
          ok: false,
          code: 'INVALID_OPTIONS',
          message: `terminal.open: option ${unknown} is not allowed remotely`,
        };
      }
      const args = Array.isArray(p.args) ? p.args.map(String) : [];
      const opened = (await terminal()).openTerminal(String(p.command), args, given as never);
      await opened.ready();
      return { ok: true, info: opened.info() };
    }),
  );
  rpc.onRequest(TERMINAL_METHODS.attach, (params) =>
    answer(async () => {
      const p = paramsOf(params);
      const target = (await terminal()).terminals.get(String(p.terminal_id));
      if (!target)
        return {
          ok: false,
          code: 'TERMINAL_NOT_FOUND',
          message: `no open terminal ${JSON.stringify(p.terminal_id)}`,
        };
      const attached = target.attach({
        mode: p.mode === 'control' ? 'control' : 'view',
        replay: p.replay !== false,
        ...(p.grant === undefined ? {} : { grant: p.grant }),
      });
      const id = randomUUID();
      attachments.set(id, attached);
      void pump(rpc, id, attached, target).finally(() => attachments.delete(id));
      return { ok: true, attach_id: id, mode: attached.mode, cols: target.cols, rows: target.rows };
    }),
  );
  rpc.onRequest(
    TERMINAL_METHODS.input,
    onViewer((v, p) => v.write(String(p.data ?? ''))),
  );
  rpc.onRequest(
    TERMINAL_METHODS.resize,
    onViewer((v, p) => v.resize(Number(p.cols), Number(p.rows))),
  );
  rpc.onRequest(
    TERMINAL_METHODS.detach,
    onViewer(async (v) => v.detach()),
  );
  rpc.result.then(() => {
    for (const v of attachments.values()) v.detach();
  });
}

// Awaiting each notification is the backpressure: a slow client leaves output in the viewer's
// bounded buffer, which drops its oldest output and is reported.
async function pump(
  rpc: RpcConnection,
  id: string,
  viewer: TerminalViewer,
  target: { readonly status: string },
): Promise<void> {
  let reported = 0;
  try {
    for await (const data of viewer) {
      if (viewer.droppedBytes > reported) {
        await rpc.notify(TERMINAL_NOTIFICATIONS.dropped, {
          attach_id: id,
          bytes: viewer.droppedBytes - reported,
          total_bytes: viewer.droppedBytes,
        });
        reported = viewer.droppedBytes;
      }
      await rpc.notify(TERMINAL_NOTIFICATIONS.output, { attach_id: id, data });
    }
    const reason = viewer.endReason;
    await rpc.notify(TERMINAL_NOTIFICATIONS.ended, {
      attach_id: id,
      status: target.status,
      ...(reason ? { code: reason.code, message: reason.message } : {}),
    });
  } catch {
    viewer.detach(); // the connection is gone
  }
}
