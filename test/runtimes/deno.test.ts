import { join } from 'node:path';
import { root } from '../package/dist.js';
import { describeCliRuntime } from './cli-runtime.js';

describeCliRuntime({
  name: 'Deno',
  // The `deno` devDependency: its postinstall takes the binary from @deno/linux-x64-glibc (npm registry).
  binary: join(root, 'node_modules/.bin/deno'),
  args: (file, base) => ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', file, base],
  env: (dir) => ({ DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno') }),
  portable: true,
});
