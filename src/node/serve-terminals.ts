import { randomUUID } from 'node:crypto';
import { isExecutionError } from '../core/errors.js';
import { type Attachment, type TerminalPort, terminalPortOf } from '../internal/attach-trail.js';
import type { Terminal, TerminalViewer } from '../terminal/index.js';
import type { Principal } from './principal.js';
import { paramsOf } from './remote-protocol.js';
import type { RpcConnection } from './rpc-modules.js';
import type { TerminalTrail } from './terminal-trail.js';

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

/** How one connection's terminal methods behave. */
export interface TerminalPolicy {
  /** Whether `terminal.open` is allowed. */
  readonly open: boolean;
  /** The connection's principal (named in the trail). */
  readonly principal: Principal;
  /** The node's evidence trail; `undefined` for a node of your own (no trail). */
  readonly trail: TerminalTrail | undefined;
}

interface Attached {
  readonly viewer: TerminalViewer;
  readonly attachment: Attachment;
}

/**
 * Registers the terminal methods on one client connection. The terminal subpath is loaded on the
 * first call. Attachments of the connection are detached when it ends. Every attachment, and
 * every terminal the connection opens, goes into the node's evidence trail.
 */
export function serveTerminals(rpc: RpcConnection, policy: TerminalPolicy): void {
  const attachments = new Map<string, Attached>();
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
        await work(found.viewer, p);
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
      const command = String(p.command);
      const opened = (await terminal()).openTerminal(command, args, given as never);
      await opened.ready();
      policy.trail?.watch(opened, policy.principal.id, { command, args, options: given });
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
      const id = randomUUID();
      const attached = attachAs(target, p, id, policy.principal);
      policy.trail?.follow(attached.attachment, target.ref);
      attachments.set(id, attached);
      void pump(rpc, id, attached, target).finally(() => attachments.delete(id));
      return { ok: true, attach_id: id, mode: attached.viewer.mode, cols: target.cols, rows: target.rows };
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
    for (const a of attachments.values()) a.attachment.end('connection_closed');
  });
}

function attachAs(target: Terminal, p: Record<string, unknown>, id: string, principal: Principal): Attached {
  const options = {
    mode: p.mode === 'control' ? ('control' as const) : ('view' as const),
    replay: p.replay !== false,
    ...(p.grant === undefined ? {} : { grant: p.grant }),
  };
  // Every terminal has the port (the registry holds only terminals `openTerminal` made).
  const port = terminalPortOf<TerminalViewer>(target) as TerminalPort<TerminalViewer>;
  return port.attach(options, { transport: 'node', principal: principal.id, attachId: id });
}

// Awaiting each notification is the backpressure: a slow client leaves output in the viewer's
// bounded buffer, which drops its oldest output and is reported.
async function pump(
  rpc: RpcConnection,
  id: string,
  { viewer, attachment }: Attached,
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
    attachment.end('connection_closed'); // the connection is gone
  }
}
