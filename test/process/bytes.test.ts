import { execFileSync, spawn as spawnChild } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pipe, run, spawn } from '../../src/process/index.js';
import { bundle } from './support/bundle.js';
import { fixture, node } from './support/fixtures.js';

function knownFile(): { path: string; content: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'ep-bytes-'));
  const path = join(dir, 'known.txt');
  const content = Buffer.from(
    `${'hello binary world\n'.repeat(5_000)}${randomBytes(4_096).toString('base64')}`,
  );
  writeFileSync(path, content);
  return { path, content };
}

const collect = async (session: AsyncIterable<{ event_type: string; payload: unknown }>) => {
  const chunks: Uint8Array[] = [];
  for await (const event of session) {
    if (event.event_type === 'process.output') chunks.push((event.payload as { bytes: Uint8Array }).bytes);
  }
  return Buffer.concat(chunks);
};

describe("encoding: 'buffer'", () => {
  it('returns gzip output byte for byte (run)', async () => {
    const { path, content } = knownFile();
    const output = await run('gzip', ['-c', '-n', path], { encoding: 'buffer' }).output();
    expect(output.stdout).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(output.stdout).equals(execFileSync('gzip', ['-c', '-n', path]))).toBe(true);
    expect(gunzipSync(output.stdout).equals(content)).toBe(true);
    expect(output.stderr).toEqual(new Uint8Array(0));
  });

  it('passes 64 random bytes through cat exactly, in and out (run with stdin bytes)', async () => {
    const bytes = new Uint8Array(randomBytes(64));
    const output = await run('cat', { stdin: bytes, encoding: 'buffer' }).output();
    expect(output.stdout).toEqual(bytes);
  });

  it('streams exact bytes as events from a session', async () => {
    const bytes = new Uint8Array(randomBytes(256 * 1024));
    const session = spawn('cat', [], { encoding: 'buffer' });
    const received = collect(session);
    await session.write(bytes);
    await session.end();
    expect((await received).equals(bytes)).toBe(true);
    expect((await session.result).status).toBe('succeeded');
  });

  it('cuts collected bytes at maxBufferBytes and flags it', async () => {
    const output = await run('head', ['-c', '1000', '/dev/zero'], {
      encoding: 'buffer',
      maxBufferBytes: 100,
    }).output();
    expect(output.stdout.length).toBe(100);
    expect(output.stdout_truncated).toBe(true);
  });

  it("refuses framing: 'lines' with bytes before spawning", () => {
    expect(() => run('cat', { encoding: 'buffer', framing: 'lines' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('framing') }),
    );
  });
});

describe('what execa users expect', () => {
  it("strips the final newline of run()'s text, unless asked not to", async () => {
    expect((await run('printf', ['a\\nb\\n']).output()).stdout).toBe('a\nb');
    expect((await run('printf', ['crlf\\r\\n']).output()).stdout).toBe('crlf');
    expect((await run('printf', ['a\\n\\n']).output()).stdout).toBe('a\n');
    expect((await run('printf', ['a\\n'], { stripFinalNewline: false }).output()).stdout).toBe('a\n');
    expect((await run('sh', ['-c', 'echo oops >&2']).output()).stderr).toBe('oops');
    const session = spawn('echo', ['kept'], { maxBufferBytes: 1024 });
    expect((await session.output()).stdout).toBe('kept\n');
  });

  it('finds binaries in node_modules/.bin up the tree with preferLocal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ep-local-'));
    const bin = join(root, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    const tool = join(bin, 'ep-local-tool');
    writeFileSync(tool, '#!/bin/sh\necho local tool ran in "$PWD"\n');
    chmodSync(tool, 0o755);
    const nested = join(root, 'packages', 'deep');
    mkdirSync(nested, { recursive: true });
    const output = await run('ep-local-tool', { cwd: nested, preferLocal: true }).output();
    expect(output.stdout).toBe(`local tool ran in ${nested}`);
    const without = await run('ep-local-tool', { cwd: nested }).result;
    expect(without.failure?.code).toBe('COMMAND_NOT_FOUND');
  });

  it("inherits stdout with stdio: { stdout: 'inherit' } (seen by the parent's parent, not collected)", async () => {
    const script = await bundle(fixture('inherit-parent.ts'));
    const parent = spawnChild(node, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    parent.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    parent.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    await new Promise((resolve) => parent.once('close', resolve));
    expect(out).toBe('inherited-line\n');
    expect(JSON.parse(err)).toEqual({ stdout: '', stderr: 'piped-err' });
  });

  it('rejects stdin writes to an inherited stdin, and inherit on a PTY before spawning', async () => {
    const session = spawn('true', [], { stdio: { stdin: 'inherit' } });
    await expect(session.write('x')).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    await session.close();
    expect(() => run('true', { stdio: 'inherit', pty: true })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CAPABILITY' }),
    );
  });

  it('pipes one execution into another, bytes exact (gzip | gunzip)', async () => {
    const { path, content } = knownFile();
    const zip = spawn('gzip', ['-c', path], { encoding: 'buffer' });
    const unzip = spawn('gunzip', ['-c'], { encoding: 'buffer', maxBufferBytes: 10 * 1024 * 1024 });
    await pipe(zip, unzip);
    const output = await unzip.output();
    expect(Buffer.from(output.stdout).equals(content)).toBe(true);
  });

  it('pipes a text run into a session and survives a destination that stops reading', async () => {
    const source = run('seq', ['1', '100000'], { framing: 'raw' });
    const head = spawn('head', ['-n', '2'], { maxBufferBytes: 1024 });
    await pipe(source, head);
    expect((await head.output()).stdout).toBe('1\n2\n');
    expect((await source.result).status).toBe('succeeded');
  });
});
