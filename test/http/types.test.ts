import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorCode } from '../../src/core/index.js';
import {
  type HttpErrorCode,
  type HttpExecution,
  type HttpResponseOutput,
  httpDefaults,
  type RequestOptions,
  request,
} from '../../src/http/index.js';

// Type-level only: every call sits in a function that is never called, so nothing is sent.
const url = 'https://api.example.com/items';
type Response<B> = HttpExecution<B>;

describe('request() types', () => {
  it('types output.body by responseType: text by default, bytes, JSON as unknown', () => {
    expectTypeOf(() => request(url)).returns.toEqualTypeOf<Response<string>>();
    expectTypeOf(() => request(url, { responseType: 'text' })).returns.toEqualTypeOf<Response<string>>();
    expectTypeOf(() => request(url, { method: 'POST', body: { a: 1 } })).returns.toEqualTypeOf<
      Response<string>
    >();
    expectTypeOf(() => request(url, { responseType: 'bytes' })).returns.toEqualTypeOf<Response<Uint8Array>>();
    expectTypeOf(() =>
      request(new URL(url), { responseType: 'json', timeoutMs: 5_000 }),
    ).returns.toEqualTypeOf<Response<unknown>>();
    const bytes = async () => (await request(url, { responseType: 'bytes' }).output()).body;
    expectTypeOf(bytes).returns.resolves.toEqualTypeOf<Uint8Array>();
  });

  it("types a 'stream' body as a ReadableStream that is also async-iterable", () => {
    const body = async () => (await request(url, { responseType: 'stream' }).output()).body;
    expectTypeOf(body).returns.resolves.toEqualTypeOf<
      ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>
    >();
    expectTypeOf<HttpResponseOutput<ReadableStream<Uint8Array>>['status']>().toEqualTypeOf<number>();
  });

  it('types baseUrl, query and proxy', () => {
    expectTypeOf(() =>
      request('items', {
        baseUrl: new URL(url),
        query: { a: 'x', n: 1, b: true, list: [1, 'y'], skip: undefined },
      }),
    ).returns.toEqualTypeOf<Response<string>>();
    expectTypeOf(() => request(url, { proxy: 'env' })).toBeFunction();
    expectTypeOf(() => request(url, { proxy: new URL('http://proxy.example:3128') })).toBeFunction();
    // @ts-expect-error a query value is a scalar or an array of scalars, not null
    expectTypeOf(() => request(url, { query: { a: null } })).toBeFunction();
    // @ts-expect-error `baseURL` is not an option (`baseUrl` is)
    expectTypeOf(() => request(url, { baseURL: url })).toBeFunction();
  });

  it('types the body conveniences', () => {
    expectTypeOf(() => request(url).json<{ id: number }>()).returns.resolves.toEqualTypeOf<{ id: number }>();
    expectTypeOf(() => request(url).json()).returns.resolves.toEqualTypeOf<unknown>();
    expectTypeOf(() => request(url).text()).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(() => request(url).bytes()).returns.resolves.toEqualTypeOf<Uint8Array>();
  });

  it('refuses unknown options at compile time', () => {
    // @ts-expect-error `header` is not an option (`headers` is)
    expectTypeOf(() => request(url, { header: { a: '1' } })).toBeFunction();
    // @ts-expect-error `retries` is not an option (`retry` is)
    expectTypeOf(() => request(url, { retries: 2 })).toBeFunction();
    // @ts-expect-error `timeout` is not an option (`timeoutMs` is)
    expectTypeOf(() => request(url, { timeout: 5_000 })).toBeFunction();
    // @ts-expect-error the URL is the first argument, not an option
    expectTypeOf(() => request(url, { url })).toBeFunction();
    // @ts-expect-error nested policies are exact too
    expectTypeOf(() => request(url, { retry: { max: 3 } })).toBeFunction();
    // @ts-expect-error responseType is one of text, json, bytes
    expectTypeOf(() => request(url, { responseType: 'xml' })).toBeFunction();
    const options: RequestOptions = { timeouts: { connectMs: 1_000 }, signal: AbortSignal.timeout(1_000) };
    expectTypeOf(options).toMatchTypeOf<RequestOptions>();
  });

  it('narrows event payloads by event_type', () => {
    const iterate = async () => {
      for await (const event of request(url, { retry: false })) {
        if (event.event_type === 'http.response') {
          expectTypeOf(event.payload.status).toEqualTypeOf<number>();
        }
        if (event.event_type === 'http.retrying') {
          expectTypeOf(event.payload.errno).toEqualTypeOf<string | null>();
          expectTypeOf(event.payload.reason).toEqualTypeOf<'status' | 'transport' | 'timeout'>();
        }
        if (event.event_type === 'execution.completed') {
          expectTypeOf(event.payload.outcome.output).toEqualTypeOf<HttpResponseOutput<string> | null>();
        }
      }
    };
    expectTypeOf(iterate).toBeFunction();
  });

  it('exports the closed union of its codes, part of every code', () => {
    expectTypeOf<'HTTP_STATUS'>().toMatchTypeOf<HttpErrorCode>();
    expectTypeOf<'HTTP_TRANSPORT_FAILED'>().toMatchTypeOf<HttpErrorCode>();
    expectTypeOf<'HTTP_INVALID_JSON'>().toMatchTypeOf<HttpErrorCode>();
    expectTypeOf<'TIMEOUT'>().toMatchTypeOf<HttpErrorCode>();
    expectTypeOf<'SSE_BAD_STATUS'>().not.toMatchTypeOf<HttpErrorCode>();
    expectTypeOf<HttpErrorCode>().toMatchTypeOf<ErrorCode>();
    expectTypeOf(httpDefaults.maxRetries).toMatchTypeOf<number>();
  });
});
