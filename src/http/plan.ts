import type { FetchLike, HeaderRecord } from '../internal/http/headers.js';
import type { HttpRedaction } from '../internal/http/redaction.js';
import type { HttpResponseOutput } from './events.js';
import type { NodeAgents, ResponseType } from './options.js';
import type { ProxyPlan } from './proxy.js';

/** Retry policy after defaults. */
export interface RetryPlan {
  readonly maxRetries: number;
  readonly methods: ReadonlySet<string>;
  readonly statusCodes: ReadonlySet<number>;
  /** The shared backoff policy's fields (spelled out so the public types name no internal one). */
  readonly backoff: {
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
    readonly jitter: boolean;
  };
  readonly maxRetryAfterMs: number;
  readonly onTimeout: boolean;
}

/** A validated request with defaults applied: what the lane runs. Built by `planRequest` only. */
export interface HttpRequestPlan {
  readonly url: URL;
  readonly method: string;
  readonly headers: HeaderRecord;
  /** The body as given (prepared into bytes or a stream when the request starts). */
  readonly body: unknown;
  readonly responseType: ResponseType;
  readonly throwOnHttpError: boolean;
  readonly connectMs: number;
  readonly continueMs: number;
  readonly headersMs: number;
  readonly idleMs: number;
  /** `timeouts.totalMs`, handed to core as the execution timeout. */
  readonly totalMs: number | undefined;
  readonly retry: RetryPlan;
  readonly followRedirects: boolean;
  readonly maxRedirects: number;
  readonly maxResponseBytes: number;
  /** Credential header names and the values to scrub (`secrets` and credential header values). */
  readonly redaction: HttpRedaction;
  readonly engine: 'node' | 'fetch' | 'undici';
  readonly fetch: FetchLike | undefined;
  readonly agents: NodeAgents | undefined;
  /** The `proxy` option planned (environment read once); `undefined` to go direct. */
  readonly proxy: ProxyPlan | undefined;
  /**
   * With `responseType: 'stream'`: receives the output, its body the live stream, as soon as the
   * final headers are in (`request()` resolves `output()` with it). Only `request()` sets it.
   */
  readonly onHeaders?: ((output: HttpResponseOutput) => void) | undefined;
}
