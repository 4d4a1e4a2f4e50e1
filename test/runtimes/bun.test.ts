import { join } from 'node:path';
import { root } from '../package/dist.js';
import { describeCliRuntime } from './cli-runtime.js';

describeCliRuntime({
  name: 'Bun',
  // The `bun` devDependency: its postinstall takes the binary from @oven/bun-linux-x64 (npm registry).
  binary: join(root, 'node_modules/.bin/bun'),
  args: (file, base) => [file, base],
  env: () => ({ BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }),
  portable: true,
});
