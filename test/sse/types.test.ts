import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import type { ErrorCode, Execution } from '../../src/core/index.js';
import {
  type SseErrorCode,
  type SseLaneEvents,
  type SseMessageEventPayload,
  type SseStreamOutput,
  type StreamOptions,
  sseDefaults,
  stream,
} from '../../src/sse/index.js';

// Type-level only: every call sits in a function that is never called, so nothing connects.
const url = 'https://api.example.com/v1/stream';

describe('stream() types', () => {
  it('returns an execution of the stream output and the SSE events', () => {
    expectTypeOf(() => stream(url)).returns.toMatchTypeOf<Execution<SseStreamOutput, SseLaneEvents>>();
    expectTypeOf(() => stream(new URL(url), { json: true, timeoutMs: 60_000 })).returns.toMatchTypeOf<
      Execution<SseStreamOutput, SseLaneEvents>
    >();
    expectTypeOf(() => stream(url).messages()).returns.toEqualTypeOf<AsyncIterable<SseMessageEventPayload>>();
  });

  it('types payload.value by the json schema, and narrows payloads by event_type', () => {
    const Delta = z.object({ text: z.string() });
    const iterate = async () => {
      for await (const event of stream(url, { json: Delta })) {
        if (event.event_type === 'sse.message') {
          expectTypeOf(event.payload).toEqualTypeOf<SseMessageEventPayload<{ text: string }>>();
          expectTypeOf(event.payload.value).toEqualTypeOf<{ text: string } | undefined>();
        }
        if (event.event_type === 'sse.reconnecting') {
          expectTypeOf(event.payload.errno).toEqualTypeOf<string | null>();
        }
        if (event.event_type === 'sse.batch') {
          expectTypeOf(event.payload.messages[0]?.value).toEqualTypeOf<{ text: string } | undefined>();
        }
        if (event.event_type === 'execution.completed') {
          expectTypeOf(event.payload.outcome.output).toEqualTypeOf<SseStreamOutput | null>();
        }
      }
    };
    expectTypeOf(iterate).toBeFunction();
    const each = async () => {
      for await (const message of stream(url, { json: Delta }).messages()) {
        expectTypeOf(message.value).toEqualTypeOf<{ text: string } | undefined>();
      }
    };
    expectTypeOf(each).toBeFunction();
  });

  it('refuses unknown options at compile time', () => {
    // @ts-expect-error `header` is not an option (`headers` is)
    expectTypeOf(() => stream(url, { header: {} })).toBeFunction();
    // @ts-expect-error `idleTimeout` is not an option (`idleTimeoutMs` is)
    expectTypeOf(() => stream(url, { idleTimeout: 5_000 })).toBeFunction();
    // @ts-expect-error the URL is the first argument, not an option
    expectTypeOf(() => stream(url, { url })).toBeFunction();
    // @ts-expect-error the reconnect policy is exact too
    expectTypeOf(() => stream(url, { reconnect: { retries: 3 } })).toBeFunction();
    const options: StreamOptions = {
      reconnect: false,
      idleTimeoutMs: null,
      signal: AbortSignal.timeout(1_000),
    };
    expectTypeOf(options).toMatchTypeOf<StreamOptions>();
  });

  it('exports the closed union of its codes, part of every code', () => {
    expectTypeOf<'SSE_BAD_STATUS'>().toMatchTypeOf<SseErrorCode>();
    expectTypeOf<'SSE_DISCONNECTED'>().toMatchTypeOf<SseErrorCode>();
    expectTypeOf<'HTTP_TRANSPORT_FAILED'>().toMatchTypeOf<SseErrorCode>();
    expectTypeOf<'HTTP_STATUS'>().not.toMatchTypeOf<SseErrorCode>();
    expectTypeOf<SseErrorCode>().toMatchTypeOf<ErrorCode>();
    expectTypeOf(sseDefaults.sentinel).toMatchTypeOf<string>();
  });
});
