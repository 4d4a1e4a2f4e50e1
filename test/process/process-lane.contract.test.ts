import { startExecution } from '../../src/core/index.js';
import { processLane, run, spawn } from '../../src/process/index.js';
import { describeLaneContract } from '../contract/lane-contract.js';

// `flood` needs one event per fragment: a long line cut into 16-byte pieces is exactly that,
// however the pipe happens to chunk it.
const floodArgs = (count: number) => ['%s', 'x'.repeat(count * 16)];
const floodOptions = { maxLineBytes: 16, longLines: 'chunk' } as const;

describeLaneContract('process (processLane via startExecution)', {
  succeed: (options) => startExecution(processLane, { command: 'echo', args: ['hello'] }, options),
  hang: (options) => startExecution(processLane, { command: 'sleep', args: ['30'] }, options),
  flood: (count, options) =>
    startExecution(processLane, { command: 'printf', args: floodArgs(count), ...floodOptions }, options),
  fail: {
    start: (options) => startExecution(processLane, { command: '/definitely/missing' }, options),
    failureClass: 'launch_failed',
  },
});

describeLaneContract('process (run)', {
  succeed: (options) => run('echo', ['hello'], options),
  hang: (options) => run('sleep', ['30'], options),
  flood: (count, options) => run('printf', floodArgs(count), { ...floodOptions, ...options }),
  fail: {
    start: (options) =>
      run('sh', ['-c', 'head -c 100 /dev/zero | tr "\\0" x; echo'], { maxLineBytes: 10, ...options }),
    failureClass: 'protocol_framing_failed',
  },
});

describeLaneContract('process (spawn)', {
  succeed: (options) => spawn('echo', ['hello'], options),
  hang: (options) => spawn('sleep', ['30'], { forceKillAfterMs: 200, ...options }),
  flood: (count, options) => spawn('printf', floodArgs(count), { ...floodOptions, ...options }),
  fail: {
    start: (options) => spawn('/definitely/missing', options),
    failureClass: 'launch_failed',
  },
});
