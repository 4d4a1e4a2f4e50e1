import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeConfigJsonSchema } from '../../src/cli/node-config.js';
import { ensureBuilt, ROOT, runCli } from './helpers.js';
import { writeServeFixture } from './serve-helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

function configFile(document: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ep-cfg-')), 'node.json');
  writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document));
  return path;
}

describe('node config', () => {
  it('a bad config is refused at start with every problem and its path (exit 2)', async () => {
    const path = configFile({
      listen: { port: 70_000, hots: 'x' },
      auth: { tokens: [{ file: 'a', env: 'B' }] },
      lanes: ['process', 'ftp'],
      targets: [{ id: 't', lane: 'process', url: 'http://nope' }],
      authority: { kind: 'magic' },
      evidence: { jsonl: { path: 'e.jsonl', maxFiles: 0 } },
    });
    const result = await runCli(['node', 'serve', '--config', path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    for (const problem of [
      /listen\.port: .*<=65535/,
      /listen: Unrecognized key: "hots"/,
      /auth\.tokens\[0\]: give exactly one of `file` or `env`/,
      /lanes\[1\]: Invalid option/,
      /targets\[0\]\.url: a ws:\/\/ or wss:\/\/ URL/,
      /authority\.kind: Invalid discriminator value. Expected .static-grants. \| .module./,
      /evidence\.jsonl\.maxFiles: .*>=1/,
    ]) {
      expect(result.stderr).toMatch(problem);
    }
    expect(result.stderr).toMatch(/config refused: .*node\.json: 7 problems/);
  });

  it('unreadable secrets and files are listed too, by source, never by value', async () => {
    const fixture = writeServeFixture({
      auth: { tokens: [{ env: 'EP_CLI_TEST_UNSET_TOKEN' }, { file: 'missing-token' }] },
      authority: { kind: 'static-grants', grantsFile: 'missing-grants.json' },
      tls: { certFile: 'nope.pem', keyFile: 'nope.key' },
    });
    const result = await runCli(['node', 'serve', '--config', fixture.config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /auth\.tokens\[0\]: environment variable EP_CLI_TEST_UNSET_TOKEN is not set/,
    );
    expect(result.stderr).toMatch(/auth\.tokens\[1\]: cannot read .*missing-token \(ENOENT\)/);
    expect(result.stderr).toMatch(/authority\.grantsFile: grants file .*missing-grants\.json/);
    expect(result.stderr).toMatch(/tls\.certFile: cannot read/);
    expect(result.stderr).toMatch(/tls\.keyFile: cannot read/);
  });

  it('not JSON, and a missing file, are clear errors', async () => {
    const notJson = await runCli(['node', 'serve', '--config', configFile('{ nope')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not JSON/);
    const missing = await runCli(['node', 'serve', '--config', '/nonexistent/node.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file/);
  });

  it('--check validates without serving; tokens from env are accepted', async () => {
    const fixture = writeServeFixture({ auth: { tokens: [{ env: 'EP_CLI_TEST_TOKEN' }] } });
    const result = await runCli(['node', 'serve', '--check', '--config', fixture.config], {
      env: { EP_CLI_TEST_TOKEN: 'from-the-environment' },
    });
    expect(result).toMatchObject({ code: 0, stdout: `${fixture.config}: valid\n` });
  });

  it('the shipped JSON Schema is the one generated from the zod schema, and `node schema` prints it', async () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'schemas/node-config.schema.json'), 'utf8'));
    expect(shipped).toEqual(nodeConfigJsonSchema());
    const printed = await runCli(['node', 'schema']);
    expect(JSON.parse(printed.stdout)).toEqual(shipped);
    expect(shipped.properties.auth.required).toEqual(['tokens']);
    expect(shipped.additionalProperties).toBe(false);
  });
});
