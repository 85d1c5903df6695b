import ky, { type KyInstance, type Options as KyOptions } from 'ky';
import { parseJsonBody, readText } from './body';
import {
  AbortError,
  type AttemptFacts,
  apiErrorFrom,
  BandwidthError,
  ConfigurationError,
  FetchRejection,
  failureFrom,
  InvalidResponseError,
  scrubError,
  timeoutErrorFor,
  ValidationError,
} from './errors';
import { createPagedIterable, nextLink, type PagedIterable } from './pagination';
import { redactValue, secretScrubber } from './redact';
import { resolveRetryPolicy, retryDelay, sleep } from './retry';
import type {
  ClientOptions,
  Hooks,
  HttpMethod,
  Logger,
  Operation,
  RequestContext,
  RequestOptions,
  RetryOptions,
} from './types';
import { buildQuery, idFromLocation, joinSegments } from './url';
import { VERSION } from './version';

/** Everything a transport needs: resolved credentials plus the client options. */
export interface TransportConfig extends ClientOptions {
  userId: string;
  apiToken: string;
  apiSecret: string;
}

/** Default API origin. */
export const DEFAULT_BASE_URL = 'https://api.catapult.inetwork.com';
/** Default per-attempt timeout in ms. */
export const DEFAULT_TIMEOUT = 30_000;
// setTimeout's ceiling; a longer timeout means none.
const maxTimer = 2_147_483_647;

/**
 * A platform `fetch`; `ready()`, where it has a faster engine to load, loads it now and resolves
 * once the load has settled (never rejecting: on failure the interim fetch goes on serving).
 */
export type PlatformFetch = typeof globalThis.fetch & { ready?(): Promise<void> };

let platformFetch: PlatformFetch | undefined;

/** Sets the `fetch` used when a client has no `fetch` option (the `node` entry installs its own). */
export function setPlatformFetch(fetch: PlatformFetch): void {
  platformFetch = fetch;
}

/** One request as the retry loop sees it. */
interface Target {
  method: HttpMethod;
  /** Absolute URL, for errors, logs and hooks. */
  url: string;
  /** What ky receives: a path relative to its prefix, or an absolute URL (next pages). */
  input: string | URL;
  /** `METHOD path`, for messages. */
  what: string;
  /** The JSON body, for logs and errors. */
  json: unknown;
  init: KyOptions;
}

// The option that carries a JSON body's text to the fetch (ky passes options it does not know to
// the fetch as they are).
const jsonBodyKey = 'json_';
type JsonBody = { [jsonBodyKey]?: string };

// Carries an error raised before anything was sent past the retry logic.
class NotSent {
  constructor(readonly error: unknown) {}
}

function positive(value: number | undefined, fallback: number): number {
  if (value !== undefined && !(value > 0)) {
    throw new ConfigurationError('timeout must be a positive number of milliseconds');
  }
  return value ?? fallback;
}

/**
 * The shared transport: one ky instance per client carrying base URL, Basic auth, `Accept`,
 * `User-Agent`, timeout and hooks, plus the retry loop and pagination. A service method is one
 * declarative call, named for what it returns: `json`, `locationId`, `optionalLocationId`,
 * `noContent`, `response` (the raw `Response`) or `paged` (a `PagedIterable`).
 */
export class Transport {
  /** The user id every `userPath()` starts with. */
  readonly userId: string;
  /** API origin (+ path prefix), without a trailing `/`. */
  readonly baseUrl: string;
  /** First path segment, e.g. `v1`. */
  readonly apiVersion: string;
  #ky: KyInstance;
  #prefix: string;
  #origin: string;
  #timeout: number;
  #retry: RetryOptions | false | undefined;
  #hooks: Hooks;
  #logger: Logger | undefined;
  #scrub: (text: string) => string;
  #ownFetch: boolean;

  constructor(config: TransportConfig) {
    const { apiToken, apiSecret, hooks = {} } = config;
    for (const [name, value] of Object.entries({ apiToken, apiSecret })) {
      // Anything shorter could not be replaced in logs and errors without mangling ordinary text.
      if (value.length < 4) {
        throw new ConfigurationError(`${name} must be at least 4 characters long`);
      }
    }
    let base: URL | undefined;
    try {
      base = new URL(config.baseUrl ?? DEFAULT_BASE_URL);
    } catch {
      // Reported below.
    }
    if (!base || !/^https?:$/.test(base.protocol) || base.username || base.password) {
      throw new ConfigurationError('baseUrl must be an http(s) URL without credentials');
    }
    this.userId = config.userId;
    this.apiVersion = config.apiVersion ?? 'v1';
    this.baseUrl = (base.origin + base.pathname).replace(/\/+$/, '');
    this.#origin = base.origin;
    this.#prefix = `${this.baseUrl}/${encodeURIComponent(this.apiVersion)}`;
    this.#timeout = positive(config.timeout, DEFAULT_TIMEOUT);
    this.#retry = config.retry;
    this.#hooks = hooks;
    this.#logger = config.logger;
    this.#ownFetch = config.fetch !== undefined;
    // UTF-8 first: `btoa` takes Latin-1 only.
    const credentials = btoa(
      String.fromCharCode(...new TextEncoder().encode(`${apiToken}:${apiSecret}`)),
    );
    this.#scrub = secretScrubber([credentials, apiSecret, apiToken]);
    const { beforeRequest = [], afterResponse = [] } = hooks;
    // ky merges its defaults into every call's options: hooks only when there are some.
    const kyHooks = beforeRequest.length + afterResponse.length > 0;
    const context = (options: { context: unknown }) => options.context as RequestContext;
    this.#ky = ky.create({
      prefixUrl: this.#prefix,
      headers: {
        authorization: `Basic ${credentials}`,
        accept: 'application/json',
        'user-agent': `bw-typescript/${VERSION}${config.userAgent ? ` ${config.userAgent}` : ''}`,
      },
      retry: 0,
      throwHttpErrors: false,
      // Whatever the fetch rejects with is a failure of the transport, not of the caller.
      fetch: async (input, init) => {
        // ky built the request without the body (see #target): its text goes beside it.
        const json = (init as JsonBody)[jsonBodyKey];
        try {
          return await (config.fetch ?? platformFetch ?? fetch)(
            input,
            json === undefined ? init : { body: json },
          );
        } catch (error) {
          throw new FetchRejection(error);
        }
      },
      ...(kyHooks && {
        hooks: {
          beforeRequest: beforeRequest.map(
            (hook) => (request, options) => hook(request, context(options)),
          ),
          afterResponse: afterResponse.map(
            (hook) => (request, options, response) => hook(request, response, context(options)),
          ),
        },
      }),
    });
  }

  /**
   * Resolves once requests go out over the platform's own HTTP engine: on Node.js, undici's
   * dispatcher, which loads in the background after the first answer unless this starts it
   * now. At once with a `fetch` option, or where there is nothing to load. Never rejects.
   */
  ready(): Promise<void> {
    if (this.#ownFetch) return Promise.resolve();
    return platformFetch?.ready?.() ?? Promise.resolve();
  }

  /** `/users/{userId}/seg/…`, every segment (the user id too) percent-encoded once. */
  userPath(...segments: string[]): string {
    return joinSegments(['users', this.userId, ...segments]);
  }

  /** `/seg/…` for the paths without a user, e.g. `/availableNumbers/local`. */
  rootPath(...segments: string[]): string {
    return joinSegments(segments);
  }

  /** Sends `op` and returns the raw 2xx `Response` (body unread, e.g. a download stream). */
  async response(op: Operation, options?: RequestOptions): Promise<Response> {
    return this.#run(this.#target(op, options), options);
  }

  /** Sends `op` and returns the parsed JSON body; an empty body is an `InvalidResponseError`. */
  json<T>(op: Operation, options?: RequestOptions): Promise<T> {
    return this.#read(op, options, (text, response, target) => {
      const parsed = parseJsonBody(text, response.headers.get('content-type'), target.what);
      if (parsed === undefined)
        throw new InvalidResponseError(`${target.what}: response has no body`);
      return parsed as T;
    });
  }

  /** Sends `op` and returns the id at the end of the `Location` header, which must be present. */
  locationId(op: Operation, options?: RequestOptions): Promise<string> {
    return this.#locationId(op, options, true) as Promise<string>;
  }

  /** Sends `op` and returns the id from `Location` when the response has one. */
  optionalLocationId(op: Operation, options?: RequestOptions): Promise<string | undefined> {
    return this.#locationId(op, options, false);
  }

  #locationId(op: Operation, options: RequestOptions | undefined, required: boolean) {
    return this.#read(op, options, (_text, response, target) => {
      const location = response.headers.get('location');
      if (location) return idFromLocation(location);
      if (required) {
        throw new InvalidResponseError(`${target.what}: response has no Location header`);
      }
    });
  }

  /** Sends `op` and returns nothing: the body, if any, is read and dropped. */
  noContent(op: Operation, options?: RequestOptions): Promise<void> {
    return this.#read(op, options, () => undefined);
  }

  /**
   * A lazy list: `GET op` for the first page, then each `Link: rel="next"` URL exactly as given
   * (same origin as `baseUrl` only). `op` may be a function, so argument errors surface on the
   * first `next()` instead of at the call. `map` is applied to every item.
   */
  paged<T>(
    op: Operation | (() => Operation),
    options?: RequestOptions,
    map?: (item: T) => T,
  ): PagedIterable<T> {
    return createPagedIterable<T>((next) => {
      const target = next
        ? this.#nextTarget(next, options)
        : this.#target(typeof op === 'function' ? op() : op, options);
      return this.#run(target, options, async (response, deadline, timeout) => {
        const text = await this.#text(response, deadline, target, timeout);
        const parsed = parseJsonBody(text, response.headers.get('content-type'), target.what) ?? [];
        if (!Array.isArray(parsed)) {
          throw new InvalidResponseError(`${target.what}: expected a JSON array`, parsed);
        }
        return { items: parsed as T[], next: nextLink(response.headers.get('link'), target.url) };
      });
    }, map);
  }

  /** Secret-free summary. */
  toJSON(): Record<string, unknown> {
    return { userId: this.userId, baseUrl: this.baseUrl, apiVersion: this.apiVersion };
  }

  #target(op: Operation, options: RequestOptions | undefined): Target {
    const query = buildQuery(op.query);
    const init: KyOptions & JsonBody = { method: op.method };
    const headers: Record<string, string> = op.accept ? { accept: op.accept } : {};
    for (const [name, value] of Object.entries({ ...op.headers, ...options?.headers })) {
      // `Headers` would throw a bare TypeError for these, and only once sending has begun.
      if (!/^[\w!#$%&'*+.^`|~-]+$/.test(name) || /[\0\r\n]|[^\0-\xff]/.test(value)) {
        throw new ValidationError(
          `header ${JSON.stringify(name)} has a character HTTP cannot send (CR, LF, NUL or non-Latin-1)`,
        );
      }
      // Credentials come from the client only.
      if (!/^authorization$/i.test(name)) headers[name.toLowerCase()] = value;
    }
    if (op.json === undefined) init.body = op.body;
    else {
      headers['content-type'] ??= 'application/json';
      // Handed to the fetch as text past ky, which would make a stream of it and tee that stream
      // for every attempt; on ky's Request when a `beforeRequest` hook may read it.
      init[this.#hooks.beforeRequest?.length ? 'body' : jsonBodyKey] = JSON.stringify(op.json);
    }
    init.headers = headers;
    return {
      method: op.method,
      url: this.#scrub(this.#prefix + op.path + query),
      input: (op.path + query).slice(1),
      what: `${op.method} ${op.path}`,
      json: op.json,
      init,
    };
  }

  #nextTarget(next: string, options: RequestOptions | undefined): Target {
    const url = new URL(next);
    if (url.origin !== this.#origin || url.username || url.password) {
      throw new InvalidResponseError(
        `next page link leaves ${this.#origin} for ${url.origin}; not followed`,
      );
    }
    return {
      ...this.#target({ method: 'GET', path: url.pathname }, options),
      url: this.#scrub(url.href),
      input: url,
    };
  }

  // Sends `op`, reads the whole body and hands it to `parse`.
  async #read<R>(
    op: Operation,
    options: RequestOptions | undefined,
    parse: (text: string, response: Response, target: Target) => R,
  ): Promise<R> {
    const target = this.#target(op, options);
    return this.#run(target, options, async (response, deadline, timeout) =>
      parse(await this.#text(response, deadline, target, timeout), response, target),
    );
  }

  // A body stream that breaks off is a failure of the transport, like a rejected fetch. `timeout`
  // is the attempt's (per call or per client), named by the error of a body still arriving.
  #text(response: Response, deadline: number, target: Target, timeout: number): Promise<string> {
    // A body declared empty is not read: a fetch may build its stream only when it is asked for.
    return readText(response.headers.get('content-length') === '0' ? null : response.body, {
      deadline,
      tooSlow: () => timeoutErrorFor(this.#attempt(target, timeout)),
    }).catch((error) => {
      throw error instanceof BandwidthError ? error : new FetchRejection(error);
    });
  }

  #attempt(target: Target, timeout: number, signal?: AbortSignal): AttemptFacts {
    return { ...target, timeout, aborted: !!signal?.aborted };
  }

  async #finalError(error: BandwidthError): Promise<BandwidthError> {
    let result = error;
    for (const hook of this.#hooks.beforeError ?? []) result = (await hook(result)) ?? result;
    this.#logger?.debug(`${result.name}: ${result.message}`, { error: result.toJSON() });
    return result;
  }

  async #run<R>(
    target: Target,
    options: RequestOptions = {},
    // Without `read`, the `Response` itself (a download), body unread.
    read?: (response: Response, deadline: number, timeout: number) => Promise<R>,
  ): Promise<R> {
    const { signal } = options;
    const { method, url, init, json } = target;
    const timeout = positive(options.timeout, this.#timeout);
    // A stream body cannot be sent twice.
    const policy = resolveRetryPolicy(
      this.#retry,
      init.body instanceof ReadableStream ? false : options.retry,
    );
    const logger = this.#logger;
    for (let attempt = 1; ; attempt++) {
      const context: RequestContext = { method, url, attempt };
      let failure: unknown;
      try {
        signal?.throwIfAborted();
        logger?.debug(`${method} ${url}`, {
          attempt,
          ...(json !== undefined && { body: redactValue(json, this.#scrub) }),
        });
        const started = Date.now();
        const call: KyOptions = {
          ...init,
          context: { ...context },
          timeout: timeout > maxTimer ? false : timeout,
          signal,
        };
        let pending: Promise<Response>;
        try {
          pending = this.#ky(target.input, call);
        } catch (error) {
          // ky builds the Request synchronously: a request that cannot be built (e.g. a GET with
          // a body) is a programming error, not a failure to retry.
          throw new NotSent(error);
        }
        const response = await pending;
        const deadline = timeout > maxTimer ? Infinity : started + timeout;
        logger?.debug(`${method} ${url} → ${response.status}`, {
          attempt,
          status: response.status,
          ms: Date.now() - started,
        });
        if (response.ok) return read ? await read(response, deadline, timeout) : (response as R);
        failure = apiErrorFrom({
          status: response.status,
          statusText: response.statusText,
          body: await this.#text(response, deadline, target, timeout),
          headers: response.headers,
          method,
          url,
          userId: this.userId,
          from: (json as { from?: unknown } | undefined)?.from,
        });
      } catch (caught) {
        if (caught instanceof NotSent) throw caught.error;
        failure = failureFrom(caught, this.#attempt(target, timeout, signal));
      }
      if (!(failure instanceof BandwidthError)) throw failure;
      scrubError(failure, this.#scrub);
      const delay = retryDelay(policy, method, failure, attempt);
      if (delay === undefined) throw await this.#finalError(failure);
      logger?.warn(`retrying ${method} ${url} in ${Math.round(delay)} ms`, {
        attempt: attempt + 1,
        error: failure.toJSON(),
      });
      for (const hook of this.#hooks.beforeRetry ?? [])
        await hook({ ...context, error: failure, delay });
      try {
        await sleep(delay, signal);
      } catch {
        throw await this.#finalError(new AbortError(`${target.what} was aborted`, { method, url }));
      }
    }
  }
}
