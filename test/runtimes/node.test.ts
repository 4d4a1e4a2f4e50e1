import { describeCliRuntime } from './cli-runtime.js';

// The baseline the other runtimes are held to (Node 24 runs the TypeScript entry as is).
describeCliRuntime({
  name: 'Node.js',
  binary: process.execPath,
  args: (file, base) => [file, base],
  env: () => ({}),
  portable: false,
});
