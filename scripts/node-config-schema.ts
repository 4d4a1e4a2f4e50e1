// Writes schemas/node-config.schema.json from the zod schema of the `node serve` config file.
// test/cli/config.test.ts fails when the committed file and the schema drift apart.
import { writeFileSync } from 'node:fs';
import { nodeConfigJsonSchema } from '../src/cli/node-config.ts';

writeFileSync(
  new URL('../schemas/node-config.schema.json', import.meta.url),
  `${JSON.stringify(nodeConfigJsonSchema(), null, 2)}\n`,
);
