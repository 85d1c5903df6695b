import ky, { type KyInstance, type Options as KyOptions } from 'ky';
import { parseJsonBody, readText } from './body';
import {
  AbortError,
  apiErrorFrom,
  BandwidthError,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
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
// setTimeout's ceiling; anything longer means "no timeout".
const maxTimer = 2_147_483_647;

let platformFetch: typeof globalThis.fetch | undefined;

/** Sets the `fetch` used when a client has no `fetch` option (the `node` entry installs undici's). */
export function setPlatformFetch(fetch: typeof globalThis.fetch | undefined): void {
  platformFetch = fetch;
}

// Carries an error that happened before anything was sent, past the retry logic.
class NotSent {
  constructor(readonly error: unknown) {}
}

/** One request as the retry loop sees it. */
interface Target {
  method: HttpMethod;
  /** Absolute URL, for errors, logs and hooks. */
  url: string;
  /** What ky receives: a path relative to the prefix, or an absolute URL (next pages). */
  input: string | URL;
  /** `METHOD path` for messages. */
  what: string;
  init: KyOptions;
  /** A stream body cannot be sent twice. */
  replayable: boolean;
  json: unknown;
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) {
    throw new ConfigurationError(`${name} must be a positive number of milliseconds`);
  }
  return value;
}

// The deepest error in a cause chain that carries a system error code.
function rootCause(error: unknown): { message: string; code: string | undefined } {
  let current = error;
  let found: { message: string; code: string | undefined } | undefined;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' || !found) {
      found = { message: current.message, code: typeof code === 'string' ? code : undefined };
    }
    const inner: unknown =
      current instanceof AggregateError && current.errors.length > 0
        ? current.errors[0]
        : current.cause;
    current = inner;
  }
  return found ?? { message: String(error), code: undefined };
}

/**
 * The shared transport: one ky instance per client carrying base URL, Basic auth, `Accept`,
 * `User-Agent`, timeout and hooks, plus the retry loop, error mapping and pagination. A service
 * method is one declarative call to `request`, `json`, `create`, `createOptional`, `send` or `paged`.
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
  #hasKyHooks: boolean;

  constructor(config: TransportConfig) {
    this.userId = config.userId;
    this.apiVersion = config.apiVersion ?? 'v1';
    let base: URL;
    try {
      base = new URL(config.baseUrl ?? DEFAULT_BASE_URL);
    } catch {
      throw new ConfigurationError('baseUrl is not a valid URL');
    }
    if (base.username || base.password) {
      throw new ConfigurationError('baseUrl must not contain credentials');
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new ConfigurationError('baseUrl must be an http or https URL');
    }
    this.baseUrl = `${base.origin}${base.pathname}`.replace(/\/+$/, '');
    this.#origin = base.origin;
    this.#prefix = `${this.baseUrl}/${encodeURIComponent(this.apiVersion)}`;
    this.#timeout = positive('timeout', config.timeout, DEFAULT_TIMEOUT);
    this.#retry = config.retry;
    this.#hooks = config.hooks ?? {};
    this.#logger = config.logger;
    const authorization = `Basic ${toBase64(`${config.apiToken}:${config.apiSecret}`)}`;
    this.#scrub = secretScrubber([
      authorization.slice(6),
      `${config.apiToken}:${config.apiSecret}`,
      config.apiSecret,
      config.apiToken,
    ]);
    const { beforeRequest = [], afterResponse = [] } = this.#hooks;
    // ky merges its defaults into every call's options: keep both small.
    this.#hasKyHooks = beforeRequest.length + afterResponse.length > 0;
    this.#ky = ky.create({
      prefixUrl: this.#prefix,
      headers: {
        authorization,
        accept: 'application/json',
        'user-agent': `bw-typescript/${VERSION}${config.userAgent ? ` ${config.userAgent}` : ''}`,
      },
      retry: 0,
      throwHttpErrors: false,
      fetch: config.fetch ?? platformFetch,
      timeout: this.#timeout > maxTimer ? false : this.#timeout,
      ...(this.#hasKyHooks && {
        hooks: {
          beforeRequest: beforeRequest.map(
            (hook) => (request, options) =>
              hook(request, options.context as unknown as RequestContext),
          ),
          afterResponse: afterResponse.map(
            (hook) => (request, options, response) =>
              hook(request, response, options.context as unknown as RequestContext),
          ),
        },
      }),
    });
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
  request(op: Operation, options?: RequestOptions): Promise<Response> {
    return this.#run(this.#target(op, options), options, async (response) => response);
  }

  /** Sends `op` and returns the parsed JSON body; an empty body is an `InvalidResponseError`. */
  json<T>(op: Operation, options?: RequestOptions): Promise<T> {
    const target = this.#target(op, options);
    return this.#run(target, options, async (response, deadline) => {
      const parsed = parseJsonBody(
        await this.#readText(response, deadline, target),
        response.headers.get('content-type'),
        target.what,
      );
      if (parsed === undefined) {
        throw new InvalidResponseError(`${target.what}: response has no body`);
      }
      return parsed as T;
    });
  }

  /** Sends `op` and returns the id at the end of the `Location` header, which must be present. */
  async create(op: Operation, options?: RequestOptions): Promise<string> {
    const id = await this.createOptional(op, options);
    if (id === undefined) {
      throw await this.#finalError(
        new InvalidResponseError(`${op.method} ${op.path}: response has no Location header`),
      );
    }
    return id;
  }

  /** Sends `op` and returns the id from `Location` when the response has one. */
  createOptional(op: Operation, options?: RequestOptions): Promise<string | undefined> {
    const target = this.#target(op, options);
    return this.#run(target, options, async (response, deadline) => {
      const location = response.headers.get('location');
      await this.#readText(response, deadline, target);
      return location ? idFromLocation(location) : undefined;
    });
  }

  /** Sends `op` and ignores the body. */
  send(op: Operation, options?: RequestOptions): Promise<void> {
    const target = this.#target(op, options);
    return this.#run(target, options, async (response, deadline) => {
      await this.#readText(response, deadline, target);
    });
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
      const target =
        next === undefined
          ? this.#target(typeof op === 'function' ? op() : op, options)
          : this.#nextTarget(next, options);
      return this.#run(target, options, async (response, deadline) => {
        const text = await this.#readText(response, deadline, target);
        const parsed = parseJsonBody(text, response.headers.get('content-type'), target.what);
        if (parsed !== undefined && !Array.isArray(parsed)) {
          throw new InvalidResponseError(`${target.what}: expected a JSON array`, parsed);
        }
        return {
          items: (parsed ?? []) as T[],
          next: nextLink(response.headers.get('link'), target.url),
        };
      });
    }, map);
  }

  /** Secret-free summary. */
  toJSON(): Record<string, unknown> {
    return { userId: this.userId, baseUrl: this.baseUrl, apiVersion: this.apiVersion };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Transport ${JSON.stringify(this.toJSON())}`;
  }

  #target(op: Operation, options: RequestOptions | undefined): Target {
    const query = buildQuery(op.query);
    const headers: Record<string, string> = {};
    if (op.accept) headers.accept = op.accept;
    for (const extra of [op.headers, options?.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) {
        const key = name.toLowerCase();
        // Credentials come from the client only.
        if (key !== 'authorization') headers[key] = value;
      }
    }
    const init: KyOptions = { method: op.method };
    if (op.json !== undefined) init.json = op.json;
    else if (op.body !== undefined) init.body = op.body;
    if (Object.keys(headers).length > 0) init.headers = headers;
    return {
      method: op.method,
      url: this.#prefix + op.path + query,
      input: (op.path + query).replace(/^\//, ''),
      what: `${op.method} ${op.path}`,
      init,
      replayable: !(typeof ReadableStream !== 'undefined' && op.body instanceof ReadableStream),
      json: op.json,
    };
  }

  #nextTarget(next: string, options: RequestOptions | undefined): Target {
    const url = new URL(next);
    if (url.origin !== this.#origin || url.username || url.password) {
      throw new InvalidResponseError(
        `next page link points to ${url.origin}, not ${this.#origin}; not followed`,
      );
    }
    const target = this.#target({ method: 'GET', path: url.pathname }, options);
    return { ...target, url: url.href, input: url };
  }

  #readText(response: Response, deadline: number, target: Target): Promise<string> {
    return readText(response, deadline, () => this.#timeoutError(target));
  }

  #timeoutError(target: Target, timeout = this.#timeout): TimeoutError {
    return new TimeoutError(`${target.what} timed out after ${timeout} ms`, {
      timeout,
      method: target.method,
      url: target.url,
    });
  }

  async #finalError(error: BandwidthError): Promise<BandwidthError> {
    let result = error;
    for (const hook of this.#hooks.beforeError ?? []) result = (await hook(result)) ?? result;
    this.#logger?.debug(`${result.name}: ${result.message}`, { error: result.toJSON() });
    return result;
  }

  #toError(error: unknown, target: Target, signal: AbortSignal | undefined, timeout: number) {
    const where = { method: target.method, url: target.url };
    if (signal?.aborted) return new AbortError(`${target.what} was aborted`, where);
    if (error instanceof InvalidResponseError) {
      // Its message and body quote what the server sent, which could echo a credential.
      return new InvalidResponseError(
        this.#scrub(error.message),
        redactValue(error.body, this.#scrub),
      );
    }
    if (error instanceof BandwidthError) return error;
    if (error instanceof Error && error.name === 'TimeoutError') {
      return this.#timeoutError(target, timeout);
    }
    if (error instanceof TypeError || (error instanceof Error && 'code' in error)) {
      const root = rootCause(error);
      const message = this.#scrub(root.message);
      const cause = Object.assign(new Error(message), root.code ? { code: root.code } : {});
      return new ConnectionError(`${target.what} failed: ${message}`, {
        ...where,
        code: root.code,
        cause,
      });
    }
    return error;
  }

  // A request that cannot even be built (e.g. a GET with a body) throws synchronously inside ky:
  // that is a programming error, never a connection failure to retry.
  #send(target: Target, init: KyOptions): Promise<Response> {
    let pending: Promise<Response>;
    try {
      pending = this.#ky(target.input, init);
    } catch (error) {
      throw new NotSent(error);
    }
    return pending;
  }

  async #run<R>(
    target: Target,
    options: RequestOptions | undefined,
    read: (response: Response, deadline: number) => Promise<R>,
  ): Promise<R> {
    const signal = options?.signal;
    const timeout = positive('timeout', options?.timeout, this.#timeout);
    const policy = resolveRetryPolicy(this.#retry, target.replayable ? options?.retry : false);
    const logger = this.#logger;
    for (let attempt = 1; ; attempt++) {
      const context: RequestContext = { method: target.method, url: target.url, attempt };
      let failure: unknown;
      try {
        signal?.throwIfAborted();
        logger?.debug(`${target.method} ${target.url}`, {
          attempt,
          ...(target.json === undefined ? {} : { body: redactValue(target.json, this.#scrub) }),
        });
        const started = Date.now();
        const init: KyOptions = { ...target.init };
        if (timeout !== this.#timeout) init.timeout = timeout > maxTimer ? false : timeout;
        if (signal) init.signal = signal;
        if (this.#hasKyHooks) init.context = context as unknown as Record<string, unknown>;
        const response = await this.#send(target, init);
        const deadline = timeout > maxTimer ? Number.POSITIVE_INFINITY : started + timeout;
        logger?.debug(`${target.method} ${target.url} → ${response.status}`, {
          attempt,
          status: response.status,
          ms: Date.now() - started,
        });
        if (response.ok) return await read(response, deadline);
        failure = apiErrorFrom(
          {
            status: response.status,
            statusText: response.statusText,
            body: await this.#readText(response, deadline, target),
            headers: response.headers,
            method: target.method,
            url: target.url,
          },
          this.#scrub,
        );
      } catch (caught) {
        if (caught instanceof NotSent) throw caught.error;
        failure = this.#toError(caught, target, signal, timeout);
      }
      if (!(failure instanceof BandwidthError)) throw failure;
      const delay = retryDelay(policy, target.method, failure, attempt);
      if (delay === undefined) throw await this.#finalError(failure);
      logger?.warn(`retrying ${target.method} ${target.url} in ${Math.round(delay)} ms`, {
        attempt: attempt + 1,
        error: failure.toJSON(),
      });
      for (const hook of this.#hooks.beforeRetry ?? []) {
        await hook({ ...context, error: failure, delay });
      }
      try {
        await sleep(delay, signal);
      } catch {
        throw await this.#finalError(new AbortError(`${target.what} was aborted`, context));
      }
    }
  }
}
