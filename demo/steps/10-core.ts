import { memoryLane, startExecution } from 'execution-plane/core';
import { show } from '../print.ts';

export const title = 'core: scripted executions on the in-memory lane';

export async function run(): Promise<void> {
  console.log('a scripted run that succeeds:');
  await show(
    startExecution(memoryLane, {
      events: [
        { type: 'memory.note', payload: { text: 'connecting' } },
        { type: 'memory.note', payload: { text: 'working' }, delayMs: 20 },
      ],
      output: { answer: 42 },
    }),
  );
  console.log('a run that fails with a typed failure class:');
  await show(
    startExecution(memoryLane, {
      failure: { failure_class: 'transport_failed', reason: 'peer reset the connection' },
    }),
  );
  console.log('a run that outlives its timeout:');
  await show(startExecution(memoryLane, { hang: true }, { timeoutMs: 50 }));
  console.log('a run cancelled by its caller:');
  const controller = new AbortController();
  const execution = startExecution(memoryLane, { hang: true }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await show(execution);
}
