import { memoryLane, startExecution } from '../../src/core/index.js';
import { describeLaneContract } from '../contract/lane-contract.js';

describeLaneContract('memory', {
  succeed: (options) =>
    startExecution(
      memoryLane,
      { events: [{ type: 'memory.note', payload: 'hello' }], output: 'done' },
      options,
    ),
  hang: (options) => startExecution(memoryLane, { hang: true }, options),
  flood: (count, options) =>
    startExecution(memoryLane, { events: [{ type: 'memory.tick', payload: 1, repeat: count }] }, options),
  fail: {
    start: (options) =>
      startExecution(
        memoryLane,
        { failure: { failure_class: 'transport_failed', reason: 'scripted' } },
        options,
      ),
    failureClass: 'transport_failed',
  },
});
