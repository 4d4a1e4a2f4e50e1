import { describe, expectTypeOf, it } from 'vitest';
import type { ExecutionOutcome } from '../../src/core/index.js';
import type { ProcessOutput } from '../../src/process/index.js';
import {
  openTerminal,
  type Terminal,
  type TerminalApp,
  type TerminalErrorCode,
  type TerminalInfo,
  type TerminalIO,
  type TerminalOptions,
  type TerminalViewer,
  terminals,
} from '../../src/terminal/index.js';

const never = false as boolean;

describe('terminal types', () => {
  it('takes exact options, execution options included', () => {
    if (never) {
      openTerminal('bash', [], { id: 'ops', cols: 120, timeoutMs: 60_000 });
      openTerminal('bash', { cwd: '/' });
      openTerminal((io) => io.write('hi'), { id: 'app', web: { token: 'a-long-enough-token' } });
      // @ts-expect-error `columns` is not an option (it is `cols`)
      openTerminal('bash', [], { columns: 120 });
      // @ts-expect-error an app takes no argv
      openTerminal((io) => io.write('hi'), ['x']);
      // @ts-expect-error the SSH transport needs its host key
      openTerminal('bash', { ssh: { port: 0 } });
    }
    expectTypeOf<TerminalOptions>().toHaveProperty('signal');
  });

  it('types apps and their I/O', () => {
    expectTypeOf<Parameters<TerminalApp>[0]>().toEqualTypeOf<TerminalIO>();
    expectTypeOf<TerminalIO['stdout']>().toEqualTypeOf<NodeJS.WriteStream>();
    expectTypeOf<TerminalIO['onInput']>().returns.toEqualTypeOf<() => void>();
  });

  it('types the handle, its viewers, the registry and its codes', () => {
    if (never) {
      const terminal = openTerminal('bash');
      expectTypeOf(terminal).toEqualTypeOf<Terminal>();
      expectTypeOf(terminal.attach({ mode: 'view' })).toEqualTypeOf<TerminalViewer>();
      // @ts-expect-error modes are `control` and `view`
      terminal.attach({ mode: 'admin' });
      expectTypeOf(terminal.close()).toEqualTypeOf<Promise<ExecutionOutcome<ProcessOutput | undefined>>>();
      expectTypeOf(terminal.ready()).toEqualTypeOf<Promise<void>>();
      expectTypeOf(terminal.port()).toEqualTypeOf<number | undefined>();
      expectTypeOf(terminals.info()).toEqualTypeOf<TerminalInfo | undefined>();
      expectTypeOf(terminals.list()).toEqualTypeOf<TerminalInfo[]>();
    }
    expectTypeOf<TerminalViewer['mode']>().toEqualTypeOf<'control' | 'view'>();
    expectTypeOf<'TERMINAL_EXISTS'>().toExtend<TerminalErrorCode>();
    expectTypeOf<'ATTACH_REVOKED'>().toExtend<TerminalErrorCode>();
    expectTypeOf<'SESSION_ENDED'>().toExtend<TerminalErrorCode>();
    // @ts-expect-error not a terminal code
    expectTypeOf<'HTTP_STATUS'>().toExtend<TerminalErrorCode>();
  });
});
