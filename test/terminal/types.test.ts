import { describe, expectTypeOf, it } from 'vitest';
import type { ExecutionOutcome } from '../../src/core/index.js';
import type { ProcessOutput } from '../../src/process/index.js';
import {
  openTerminal,
  type Terminal,
  type TerminalErrorCode,
  type TerminalOptions,
  type TerminalViewer,
} from '../../src/terminal/index.js';

const never = false as boolean;

describe('terminal types', () => {
  it('takes exact options, execution options included', () => {
    if (never) {
      openTerminal('bash', [], { id: 'ops', cols: 120, timeoutMs: 60_000 });
      openTerminal('bash', { cwd: '/' });
      // @ts-expect-error `columns` is not an option (it is `cols`)
      openTerminal('bash', [], { columns: 120 });
    }
    expectTypeOf<TerminalOptions>().toHaveProperty('signal');
  });

  it('types the handle, its viewers and its codes', () => {
    if (never) {
      const terminal = openTerminal('bash');
      expectTypeOf(terminal).toEqualTypeOf<Terminal>();
      expectTypeOf(terminal.attach()).toEqualTypeOf<TerminalViewer>();
      expectTypeOf(terminal.close()).toEqualTypeOf<Promise<ExecutionOutcome<ProcessOutput>>>();
      expectTypeOf(terminal.ready()).toEqualTypeOf<Promise<void>>();
    }
    expectTypeOf<'TERMINAL_EXISTS'>().toExtend<TerminalErrorCode>();
    expectTypeOf<'SESSION_ENDED'>().toExtend<TerminalErrorCode>();
  });
});
