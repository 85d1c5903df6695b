import { redactHeaders, redactValue } from './redact';

/**
 * Base class of every error the SDK throws, except the `TypeError` of an argument of the wrong type
 * (a path identifier, or a positional value such as a sentence or a mute flag).
 */
export class BandwidthError extends Error {
  /** A plain, secret-free view of the error for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** What an `ApiError` is built from. */
export interface ApiErrorInit {
  status: number;
  message: string;
  category?: string | undefined;
  code?: string | undefined;
  details?: unknown;
  headers?: Record<string, string>;
  method: string;
  url: string;
}

/** A non-2xx answer from the API, decoded from its `{category, code, message, details}` body. */
export class ApiError extends BandwidthError {
  /** HTTP status. */
  declare readonly status: number;
  /** The API's error category, e.g. `not-found`, `limit`. */
  declare readonly category: string | undefined;
  /** The API's error code, e.g. `call-not-found`. */
  declare readonly code: string | undefined;
  /** The API's `details` as sent (usually `[{name, value}]`). */
  declare readonly details: unknown;
  /** Response headers, with credential-bearing ones redacted. */
  declare readonly headers: Record<string, string>;
  /** Request method. */
  declare readonly method: string;
  /** Request URL, without credentials. */
  declare readonly url: string;

  constructor({ message, headers = {}, ...fields }: ApiErrorInit) {
    super(message);
    Object.assign(this, { category: undefined, code: undefined, details: undefined }, fields, {
      headers: redactHeaders(headers),
    });
  }
}

/** 401: the credentials were refused. */
export class AuthenticationError extends ApiError {}

/** 403 (other than a rate limit): not allowed. */
export class ForbiddenError extends ApiError {}

/** 404: no such resource. */
export class NotFoundError extends ApiError {}

/** 409: conflicts with the resource's state. */
export class ConflictError extends ApiError {}

/** 429, or 403 with a rate-limit code: slow down. */
export class RateLimitError extends ApiError {
  /** When the limit clears (from `Retry-After`, `X-RateLimit-Reset` or the body), if the server said. */
  declare readonly resetAt: Date | undefined;

  constructor(init: ApiErrorInit, resetAt?: Date) {
    super(init);
    Object.assign(this, { resetAt });
  }
}

/** 5xx: the server failed. */
export class ServerError extends ApiError {}

/** Where a transport-level error happened. */
export interface RequestErrorInit {
  method?: string | undefined;
  url?: string | undefined;
}

/** The request could not reach the server or the connection failed. */
export class ConnectionError extends BandwidthError {
  /** System error code when known, e.g. `ECONNREFUSED`, `ECONNRESET`. */
  declare readonly code: string | undefined;
  /** Request method. */
  declare readonly method: string | undefined;
  /** Request URL, without credentials. */
  declare readonly url: string | undefined;

  constructor(
    message: string,
    { cause, code, method, url }: RequestErrorInit & { code?: string; cause?: unknown } = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { code, method, url });
  }
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends BandwidthError {
  /** The per-attempt timeout in ms. */
  declare readonly timeout: number | undefined;
  /** Request method. */
  declare readonly method: string | undefined;
  /** Request URL, without credentials. */
  declare readonly url: string | undefined;

  constructor(
    message: string,
    { timeout, method, url }: RequestErrorInit & { timeout?: number } = {},
  ) {
    super(message);
    Object.assign(this, { timeout, method, url });
  }
}

/** The caller's `signal` aborted the call. */
export class AbortError extends BandwidthError {
  /** Request method. */
  declare readonly method: string | undefined;
  /** Request URL, without credentials. */
  declare readonly url: string | undefined;

  constructor(message = 'The operation was aborted', { method, url }: RequestErrorInit = {}) {
    super(message);
    Object.assign(this, { method, url });
  }
}

/** Bad client configuration, e.g. missing credentials. */
export class ConfigurationError extends BandwidthError {}

/** The `TypeError` of an SDK argument check (a path id or positional value of the wrong type). */
export class ArgumentTypeError extends TypeError {}

/**
 * Input that is refused: an argument the SDK rejects before sending anything (a missing required
 * key, a batch too large), and also, through `instanceof`, the API's own refusal of the request as
 * invalid (an `ApiError` with status 400, e.g. code `validation-error`) and the `TypeError` of an
 * argument of the wrong type. `catch (e) { if (e instanceof ValidationError) … }` catches all three.
 */
export class ValidationError extends BandwidthError {
  /** `instanceof`: a `ValidationError`, a 400 `ApiError` or an SDK argument `TypeError`. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore-start lint/complexity/noThisInStatic: a subclass keeps the ordinary `instanceof`
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === ValidationError &&
        ((value instanceof ApiError && value.status === 400) || value instanceof ArgumentTypeError))
    );
    // biome-ignore-end lint/complexity/noThisInStatic: see above
  }
}

/** A 2xx answer that breaks the API contract (no `Location`, not JSON, not an array…). */
export class InvalidResponseError extends BandwidthError {
  /** The parsed body, when it holds something worth keeping. */
  declare readonly body: unknown;

  constructor(message: string, body?: unknown) {
    super(message);
    Object.assign(this, { body });
  }
}

/** Status codes a callback handler answers bad input with. */
export type CallbackErrorStatus = 400 | 401 | 413;

/** A callback request that cannot be accepted; `status` is the HTTP answer to give. */
export class CallbackError extends BandwidthError {
  /** The HTTP status to answer with. */
  declare readonly status: CallbackErrorStatus;

  constructor(message: string, status: CallbackErrorStatus = 400) {
    super(message);
    Object.assign(this, { status });
  }
}

// Minifiers rename classes, so each `name` is set here, once, on the prototype.
for (const [name, type] of Object.entries({
  BandwidthError,
  ApiError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  ConnectionError,
  TimeoutError,
  AbortError,
  ConfigurationError,
  ValidationError,
  InvalidResponseError,
  CallbackError,
})) {
  type.prototype.name = name;
}

const rateLimitCodes = [
  'message-rate-limit',
  'message-rate-limit-overall',
  'message-rate-limit-per-tn',
  'call-rate-limit',
];

/** Everything needed to turn a non-2xx response into an error. */
export interface ResponseFacts {
  status: number;
  statusText: string;
  /** The body as text ('' when empty or unreadable). */
  body: string;
  headers: Headers;
  method: string;
  url: string;
  /** The user id the request was sent for, named by 401 and 403 messages. */
  userId?: string | undefined;
  /** The request body's `from` (messages, calls), named by 401 and 403 messages. */
  from?: unknown;
}

/**
 * The server's wait hint: `Retry-After` (seconds or HTTP date) or `X-RateLimit-Reset` (epoch ms;
 * values below 1e11 are taken as epoch seconds, which some servers send instead).
 */
export function resetTimeFrom(headers: Headers, now = Date.now()): Date | undefined {
  // `Headers.get` gives the value without surrounding whitespace.
  const retryAfter = headers.get('retry-after') ?? '';
  const reset = Number(headers.get('x-ratelimit-reset')) || Number.NaN;
  // An HTTP date starts with the day's name; anything else `Date.parse` would guess at ("-1" is
  // a date in 2001 to V8) is no hint.
  const after = /^[\d.]+$/.test(retryAfter)
    ? now + Number(retryAfter) * 1000
    : /^[a-z]{3}/i.test(retryAfter)
      ? Date.parse(retryAfter)
      : Number.NaN;
  const at = Number.isFinite(after) ? after : reset < 1e11 ? reset * 1000 : reset;
  return Number.isFinite(at) ? new Date(at) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turns a non-2xx response into the matching `ApiError` subclass. Never throws: an unexpected
 * body shape falls back to the text, then the code, then the status text. The error holds the
 * server's text as sent: the transport passes every error through `scrubError` before anyone sees
 * it.
 */
export function apiErrorFrom(facts: ResponseFacts): ApiError {
  const { status, body, headers } = facts;
  let fields: Record<string, unknown> | undefined;
  try {
    // JSON text that starts with `{` is an object, or does not parse.
    if (/^\s*\{/.test(body)) fields = JSON.parse(body) as Record<string, unknown>;
  } catch {
    // Not JSON after all: the text becomes the message.
  }
  const code = text(fields?.code);
  const details = fields?.details;
  const init: ApiErrorInit = {
    status,
    category: text(fields?.category),
    code,
    message:
      (fields ? text(fields.message) : text(body)) ??
      code ??
      text(facts.statusText) ??
      `HTTP ${status}`,
    details,
    headers: Object.fromEntries(headers),
    method: facts.method,
    url: facts.url,
  };
  if (status === 429 || (status === 403 && rateLimitCodes.includes(code as string))) {
    const detail = Array.isArray(details)
      ? details.find((item) => item?.name === 'rateLimitResetTime')
      : undefined;
    const fromBody = Number(detail?.value);
    const resetAt = resetTimeFrom(headers) ?? (fromBody > 0 ? new Date(fromBody) : undefined);
    // Which limit, and when to try again.
    init.message += ` (limit ${code ?? status}; ${resetAt ? `resets at ${resetAt.toISOString()}` : 'no reset time given'})`;
    return new RateLimitError(init, resetAt);
  }
  if (status === 401 || status === 403) {
    // Which credential (never the token or secret) or which number was refused.
    const from = typeof facts.from === 'string' ? `, from ${facts.from}` : '';
    init.message += ` (user ${facts.userId}${from}${status === 401 ? '; check its API token and secret' : ''})`;
  }
  const type =
    { 401: AuthenticationError, 403: ForbiddenError, 404: NotFoundError, 409: ConflictError }[
      status
    ] ?? (status >= 500 ? ServerError : ApiError);
  return new type(init);
}

/** The attempt an error is about. */
export interface AttemptFacts {
  method: string;
  /** Absolute URL, without credentials. */
  url: string;
  /** `METHOD path`, for messages. */
  what: string;
  /** The attempt's timeout in ms. */
  timeout: number;
  /** Whether the caller's signal has aborted. */
  aborted: boolean;
}

/** The `TimeoutError` of an attempt that ran past its timeout. */
export function timeoutErrorFor({ method, url, what, timeout }: AttemptFacts): TimeoutError {
  return new TimeoutError(`${what} timed out after ${timeout} ms`, { timeout, method, url });
}

// The innermost error of a cause chain (AggregateError: its first error) that has a system code.
function rootCause(error: Error): { message: string; code?: string } {
  let found: { message: string; code?: string } = error;
  for (let current: unknown = error; current instanceof Error; ) {
    if (typeof (current as { code?: unknown }).code === 'string') found = current;
    current = current instanceof AggregateError ? current.errors[0] : current.cause;
  }
  return found;
}

/**
 * Wraps whatever the underlying `fetch` (or the response body stream) rejected with: in every
 * runtime that means the request did not complete, whatever the shape of the error (a `TypeError`
 * in Node and browsers, a plain `Error: Network connection lost.` in workerd).
 */
export class FetchRejection {
  constructor(readonly error: unknown) {}
}

/**
 * Maps whatever an attempt threw to the SDK's errors; anything it does not recognise (an error
 * thrown by a hook, say) is returned as is.
 */
export function failureFrom(error: unknown, attempt: AttemptFacts): unknown {
  const { method, url, what } = attempt;
  if (attempt.aborted) return new AbortError(`${what} was aborted`, { method, url });
  const rejected = error instanceof FetchRejection;
  const failure = rejected ? error.error : error;
  if (!(failure instanceof Error)) {
    return rejected ? new ConnectionError(`${what} failed`, { method, url }) : failure;
  }
  if (failure instanceof BandwidthError) return failure;
  if (failure.name === 'TimeoutError') return timeoutErrorFor(attempt);
  if (!rejected) return failure;
  const { message, code } = rootCause(failure);
  // A fresh cause: the original may hold the request, headers included.
  const cause = Object.assign(new Error(message), { code });
  return new ConnectionError(`${what} failed: ${message}`, { code, method, url, cause });
}

/**
 * Passes every string `error` holds through `scrub`, in place: its message and stack, every field
 * (`code`, `category`, `message`, `details`, `headers`, `body`… keys included) and its cause's. The
 * transport calls it on every error before a hook, a log line or the caller sees it: the one place
 * where text from the wire is cleaned, so a field added later cannot be forgotten.
 */
export function scrubError<E extends Error>(error: E, scrub: (text: string) => string): E {
  const fields = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(error)) fields[key] = redactValue(fields[key], scrub);
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
  if (error.cause instanceof Error) scrubError(error.cause, scrub);
  return error;
}
