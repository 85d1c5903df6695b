import type { BandwidthError } from './errors';

/** The HTTP methods the Catapult API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/**
 * An open string union: the listed values autocomplete, any other string still type-checks, so a
 * value the server adds later does not break callers.
 */
export type Open<T extends string> = T | (string & {});

/** The HTTP method Bandwidth uses to deliver a callback. */
export type CallbackHttpMethod = 'GET' | 'POST' | 'get' | 'post';

/** Page size for list methods: 25 by API default, at most 1000 (100 for domains). */
export interface SizeOptions {
  size?: number;
}

/** API credentials. Each falls back to its environment variable when absent or empty. */
export interface Credentials {
  /** Bandwidth user id (`u-…`); env `BANDWIDTH_USER_ID`. */
  userId?: string;
  /** API token; env `BANDWIDTH_API_TOKEN`. Never logged or shown. */
  apiToken?: string;
  /** API secret; env `BANDWIDTH_API_SECRET`. Never logged or shown. */
  apiSecret?: string;
}

/** Retry policy. Unset fields keep their defaults; per-call values override per-client values. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** First backoff step in ms; the n-th retry waits a random time in `[0, baseDelay·2^(n-1)]`. Default 500. */
  baseDelay?: number;
  /**
   * Longest wait in ms before a retry, for backoff and for server-requested waits alike. When the
   * server asks for a longer wait the call fails at once (a `RateLimitError` carries `resetAt`).
   * Default 30000.
   */
  maxDelay?: number;
}

/** Where a logger line or hook call stands: the request and which attempt it is (1-based). */
export interface RequestContext {
  method: HttpMethod;
  /** Full request URL, without credentials. */
  url: string;
  attempt: number;
}

/** May return a `Request` to send instead, or a `Response` to use without sending anything. */
export type BeforeRequestHook = (
  request: Request,
  context: RequestContext,
) => Request | Response | undefined | Promise<Request | Response | undefined>;

/** Sees every response (any status) before it is read; may return a replacement `Response`. */
export type AfterResponseHook = (
  request: Request,
  response: Response,
  context: RequestContext,
) => Response | undefined | Promise<Response | undefined>;

/** What a retry is about to do and why. */
export interface RetryEvent extends RequestContext {
  /** The error of the attempt that failed. */
  error: BandwidthError;
  /** Milliseconds the client waits before the next attempt. */
  delay: number;
}

/** Called before each retry's wait; throwing stops the retries with that error. */
export type BeforeRetryHook = (event: RetryEvent) => void | Promise<void>;

/** Sees every error before it is thrown; may return a replacement. */
export type BeforeErrorHook = (
  error: BandwidthError,
) => BandwidthError | undefined | Promise<BandwidthError | undefined>;

/** Hooks around every request, run in array order. */
export interface Hooks {
  beforeRequest?: BeforeRequestHook[];
  afterResponse?: AfterResponseHook[];
  beforeRetry?: BeforeRetryHook[];
  beforeError?: BeforeErrorHook[];
}

/** A logger; `console` fits. Lines never carry credentials or `Authorization` values. */
export interface Logger {
  /** Each request (with its redacted JSON body), each response status, each final error. */
  debug(message: string, meta?: Record<string, unknown>): void;
  /** Not used by the transport; part of the shape so `console` and common loggers fit. */
  info(message: string, meta?: Record<string, unknown>): void;
  /** Each retry: what failed and how long the client waits. */
  warn(message: string, meta?: Record<string, unknown>): void;
  /** Callback handlers: an `onEvent` that threw. */
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Client options shared by every client. */
export interface ClientOptions {
  /** Scheme + host (+ optional path prefix). Default `https://api.catapult.inetwork.com`; a trailing `/` is ignored. */
  baseUrl?: string;
  /** First path segment. Default `v1`. */
  apiVersion?: string;
  /** Per-attempt timeout in ms (until the body is read). Default 30000; `Infinity` disables it. */
  timeout?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** A `fetch`-compatible function, e.g. one bound to a proxy dispatcher. Always wins over the default. */
  fetch?: typeof globalThis.fetch;
  hooks?: Hooks;
  logger?: Logger;
  /** Appended to the `User-Agent` value `bw-typescript/<version>`. */
  userAgent?: string;
}

/** The config-object form of a client constructor. */
export type ClientConfig = Credentials & ClientOptions;

/** Options every client method accepts as its last argument. */
export interface RequestOptions {
  /** Aborting it rejects with `AbortError`, also during a retry wait. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call. */
  timeout?: number;
  /** Extra headers, merged last; they can never replace `Authorization`. */
  headers?: Record<string, string>;
  /** Retry policy for this call, merged over the client's; `false` for none. */
  retry?: RetryOptions | false;
}

/** A raw request body (media upload). */
export type RawBody = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | string;

/** One API request, declaratively: what every service method hands to the transport. */
export interface Operation {
  method: HttpMethod;
  /** Built with `transport.userPath()` / `rootPath()`; without the version prefix. */
  path: string;
  /** Query parameters: `undefined` omitted, booleans `true`/`false`, numbers decimal. */
  query?: object;
  /** JSON body; `undefined` keys are omitted, never sent as `null`. */
  json?: unknown;
  /** Raw body (media upload); send `Content-Type` in `headers`. */
  body?: RawBody;
  /** Extra headers, e.g. `Content-Type` for a raw body. */
  headers?: Record<string, string>;
  /** `Accept` header; default `application/json`. */
  accept?: string;
}
