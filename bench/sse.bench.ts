/**
 * SSE events/s of `stream()` (its default batches, `messages()`, and per-message `batch: false`)
 * against raw fetch + createParser and raw fetch + EventSourceParserStream on a loopback server
 * in a child process, and parse-only MB/s of
 * `parseSse()` against eventsource-parser's `createParser` alone. Interleaved rounds, medians.
 *
 * The streaming cases run in three groups, each in a fresh process with its own plain-loop floor
 * interleaved (`interleavedByGroup`): the goal rows and the hand-over floor; the peers; the other
 * delivery modes. In one process, the per-message cases (the bare execution's event per message,
 * `batch: false`) grew V8's young generation to its maximum, and from then on V8 started a full
 * collection whenever the old generation's room fell below that size: the defaults case, which
 * keeps each chunk's messages until its reader takes them, ran under near-continuous marking
 * (6.6–20.2 ns per event in full collections, none alone; 0.58–0.82 of its floor against
 * 0.98–1.06 with the young generation held at 8 MiB: docs/benchmarks.md, round 9). Each case now
 * pays for itself, the floors and peers alike.
 */
import { createParser } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { defineLane, startExecution } from 'execution-plane/core';
import { parseSse, stream } from 'execution-plane/sse';
import * as z from 'zod/mini';
import {
  type BenchCase,
  type BenchSetup,
  interleaved,
  interleavedByGroup,
  peakRss,
  startServer,
  withRss,
  writeChart,
} from './harness.ts';
import type { BenchReport } from './report.ts';

const EVENTS = 200_000;
const EVENT = 'data: {"type":"delta","index":0,"text":"hello world"}\n\n';
const SERVER = `
import http from 'node:http';
const batch = Buffer.from(${JSON.stringify(EVENT)}.repeat(1000));
const server = http.createServer((req, res) => {
  const n = Number(new URL(req.url, 'http://x').searchParams.get('n'));
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let sent = 0;
  const pump = () => {
    while (sent < n) {
      sent += 1000;
      if (!res.write(batch)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

function checked(fn: (url: string) => Promise<number>, url: string): () => Promise<void> {
  return async () => {
    const count = await fn(url);
    if (count !== EVENTS) throw new Error(`expected ${EVENTS} events, got ${count}`);
  };
}

async function rawCreateParser(url: string): Promise<number> {
  let count = 0;
  const parser = createParser({ onEvent: () => count++ });
  const reader = (await fetch(url)).body!.getReader();
  const decoder = new TextDecoder();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    parser.feed(decoder.decode(next.value, { stream: true }));
  }
  return count;
}

// The floor for an API that hands messages to its consumer: each chunk's messages are kept and
// given over after the chunk is parsed (the plain loop above keeps nothing, so no API that
// delivers messages can reach it: these are the objects a consumer reads).
async function rawHandOver(url: string): Promise<number> {
  let count = 0;
  let messages: unknown[] = [];
  const parser = createParser({ onEvent: (message) => messages.push(message) });
  const reader = (await fetch(url)).body!.getReader();
  const decoder = new TextDecoder();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    parser.feed(decoder.decode(next.value, { stream: true }));
    const delivered = await handOver(messages);
    messages = [];
    for (const _ of delivered) count++;
  }
  return count;
}

// One await between producer and consumer, as any queue between them costs.
async function handOver<T>(items: T[]): Promise<T[]> {
  return items;
}

async function rawParserStream(url: string): Promise<number> {
  let count = 0;
  const events = (await fetch(url))
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  for await (const _ of events) count++;
  return count;
}

// fetch + createParser emitting one event per message through a bare execution: what the
// execution model itself costs per event, with no SSE lane involved.
const bare = defineLane({
  id: 'bare',
  input: z.string(),
  start: async (url: string, { emit }) => {
    const pending: unknown[] = [];
    const parser = createParser({ onEvent: (message) => pending.push(message) });
    const reader = (await fetch(url)).body!.getReader();
    const decoder = new TextDecoder();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      parser.feed(decoder.decode(next.value, { stream: true }));
      for (const message of pending) {
        const wait = emit('bare.message', message);
        if (wait) await wait;
      }
      pending.length = 0;
    }
    return { output: null };
  },
});

async function bareExecution(url: string): Promise<number> {
  let count = 0;
  for await (const event of startExecution(bare, url)) if (event.event_type === 'bare.message') count++;
  return count;
}

// The default: one sse.batch per network chunk; the loop touches every message, as a consumer would.
async function defaults(url: string): Promise<number> {
  let count = 0;
  for await (const event of stream(url)) {
    if (event.event_type === 'sse.batch') for (const _ of event.payload.messages) count++;
  }
  return count;
}

async function messages(url: string): Promise<number> {
  let count = 0;
  for await (const _ of stream(url).messages()) count++;
  return count;
}

async function perMessage(url: string): Promise<number> {
  let count = 0;
  for await (const event of stream(url, { batch: false })) if (event.event_type === 'sse.message') count++;
  return count;
}

async function perMessageBatches(url: string): Promise<number> {
  let count = 0;
  for await (const batch of stream(url, { batch: false }).batches()) {
    for (const event of batch) if (event.event_type === 'sse.message') count++;
  }
  return count;
}

function parseCases(): BenchCase[] {
  const text = EVENT.repeat(20_000);
  const bytes = new TextEncoder().encode(text);
  const size = 16_384;
  const textChunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
    text.slice(i * size, (i + 1) * size),
  );
  const byteChunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
  const ops = bytes.length / 2 ** 20;
  let seen = 0;
  const onEvent = () => {
    seen++;
  };
  // Every run must dispatch every event, or the rate means nothing.
  const counted = (feed: () => void) => () => {
    seen = 0;
    feed();
    if (seen !== 20_000) throw new Error(`parsed ${seen} of 20000 events`);
  };
  return [
    {
      name: 'createParser alone (text)',
      run: () => {
        const parser = createParser({ onEvent });
        for (const chunk of textChunks) parser.feed(chunk);
      },
    },
    {
      name: 'parseSse (text)',
      run: () => {
        const parser = parseSse({ onEvent });
        for (const chunk of textChunks) parser.feed(chunk);
      },
      baseline: 'createParser alone (text)',
    },
    {
      name: 'TextDecoder + createParser (bytes)',
      run: () => {
        const parser = createParser({ onEvent });
        const decoder = new TextDecoder();
        for (const chunk of byteChunks) parser.feed(decoder.decode(chunk, { stream: true }));
      },
    },
    {
      name: 'parseSse (bytes)',
      run: () => {
        const parser = parseSse({ onEvent });
        for (const chunk of byteChunks) parser.feed(chunk);
      },
      baseline: 'TextDecoder + createParser (bytes)',
    },
  ].map((c) => ({ ...c, run: counted(c.run), ops, unit: 'MB/s' }));
}

/** The streaming cases on a fresh server: `run` measures them together, `rss-case.ts` one at a time. */
export async function setup(): Promise<BenchSetup> {
  const { port, child } = await startServer(SERVER);
  const url = `http://127.0.0.1:${port}/sse?n=${EVENTS}`;
  const base = 'raw fetch + createParser';
  const handOverFloor = "raw fetch + createParser, each chunk's messages handed over";
  // The plain loop again in the other groups' processes: each row is read against its own.
  const peersBase = `${base} (peers' process)`;
  const modesBase = `${base} (modes' process)`;
  const cases: BenchCase[] = [
    { name: base, run: checked(rawCreateParser, url), group: 'defaults' },
    {
      name: 'stream() defaults (one sse.batch per chunk)',
      run: checked(defaults, url),
      baseline: base,
      goal: 0.9,
      group: 'defaults',
    },
    { name: handOverFloor, run: checked(rawHandOver, url), baseline: base, group: 'defaults' },
    {
      name: 'stream() defaults, against the hand-over floor',
      run: checked(defaults, url),
      baseline: handOverFloor,
      goal: 0.9,
      group: 'defaults',
    },
    { name: peersBase, run: checked(rawCreateParser, url), group: 'peers' },
    {
      name: 'raw fetch + EventSourceParserStream',
      run: checked(rawParserStream, url),
      baseline: peersBase,
      group: 'peers',
    },
    {
      name: 'raw fetch + createParser, one event each through a bare execution (core only)',
      run: checked(bareExecution, url),
      baseline: peersBase,
      group: 'peers',
    },
    { name: modesBase, run: checked(rawCreateParser, url), group: 'modes' },
    {
      name: 'stream().messages() (one message per loop step)',
      run: checked(messages, url),
      baseline: modesBase,
      group: 'modes',
    },
    // Per-message delivery is the opt-in slow path: reported, no goal.
    {
      name: 'stream({ batch: false }) (one sse.message each)',
      run: checked(perMessage, url),
      baseline: modesBase,
      group: 'modes',
    },
    {
      name: 'stream({ batch: false }), read with execution.batches()',
      run: checked(perMessageBatches, url),
      baseline: modesBase,
      group: 'modes',
    },
  ].map((c) => ({ ...c, ops: EVENTS, unit: 'events/s' }));
  return { cases, close: () => child.kill() };
}

export async function run(): Promise<BenchReport> {
  // The cases only, to name and order the rows: each group sets the bench up in its own process.
  const { cases, close } = await setup();
  close();
  const rows = await interleavedByGroup('sse', cases, 9, 600);
  const rss = await peakRss(
    'sse',
    cases
      .map((c) => c.name)
      .filter(
        (n) => !n.includes('bare') && !n.includes('Stream') && !n.includes('against') && !n.includes("'"),
      ),
  );
  const streams = { title: 'sse streams', rows: withRss(rows, rss) };
  writeChart('sse', streams);
  const parse = await interleaved(parseCases(), 9, 300);
  return {
    title: `sse: ${EVENTS.toLocaleString('en-US')}-event streams from a loopback server in a child process; parsing ${EVENT.length}-byte events (median of 9 interleaved rounds; peak RSS of each case alone for 3 s)`,
    rows: [...streams.rows, ...parse],
  };
}
