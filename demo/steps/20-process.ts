import { run, spawn } from 'execution-plane/process';
import { show } from '../print.ts';

export const title = 'process: real child processes — one-shot runs, a JSONL session, a kill ladder';

// The demo runner calls the step's `run`; this module's `run` is the process lane's.
export { step as run };

async function step(): Promise<void> {
  console.log('a one-shot run: stdout and stderr as line batches, the exit code in the output:');
  await show(
    run('sh', ['-c', 'echo "hello from $0"; echo "a warning" >&2; echo done'], { timeoutMs: 5_000 }),
  );

  console.log('a non-zero exit is a failed fact, not a thrown error:');
  await show(run('sh', ['-c', 'echo "cannot find the file" >&2; exit 3']));

  console.log('a long-lived session speaking JSONL: write a control line, read the reply, end stdin:');
  const session = spawn('sh', ['-c', 'while read -r line; do printf "{\\"echo\\":%s}\\n" "$line"; done']);
  await session.write('{"type":"ping"}\n');
  await session.end();
  await show(session);

  console.log('a child ignoring SIGTERM: timeout, SIGTERM to the group, SIGKILL after 200 ms:');
  await show(
    run('sh', ['-c', 'trap "" TERM; echo "ignoring SIGTERM"; while :; do sleep 1; done'], {
      timeoutMs: 300,
      forceKillAfterMs: 200,
    }),
  );
}
