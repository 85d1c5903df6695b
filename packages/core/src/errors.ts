import { redactHeaders, redactValue } from './redact';

/** Base class of every error the SDK throws (except `TypeError` for a bad path identifier). */
export class BandwidthError extends Error {
  static {
    BandwidthError.prototype.name = 'BandwidthError';
  }

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
  static {
    ApiError.prototype.name = 'ApiError';
  }
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

  constructor({ message, ...fields }: ApiErrorInit) {
    super(message);
    Object.assign(this, { category: undefined, code: undefined, details: undefined }, fields, {
      headers: redactHeaders(fields.headers ?? {}),
    });
  }
}

/** 401: the credentials were refused. */
export class AuthenticationError extends ApiError {
  static {
    AuthenticationError.prototype.name = 'AuthenticationError';
  }
}

/** 403 (other than a rate limit): not allowed. */
export class ForbiddenError extends ApiError {
  static {
    ForbiddenError.prototype.name = 'ForbiddenError';
  }
}

/** 404: no such resource. */
export class NotFoundError extends ApiError {
  static {
    NotFoundError.prototype.name = 'NotFoundError';
  }
}

/** 409: conflicts with the resource's state. */
export class ConflictError extends ApiError {
  static {
    ConflictError.prototype.name = 'ConflictError';
  }
}

/** 429, or 403 with a rate-limit code: slow down. */
export class RateLimitError extends ApiError {
  static {
    RateLimitError.prototype.name = 'RateLimitError';
  }
  /** When the limit clears (from `Retry-After`, `X-RateLimit-Reset` or the body), if the server said. */
  declare readonly resetAt: Date | undefined;

  constructor(init: ApiErrorInit, resetAt?: Date) {
    super(init);
    Object.assign(this, { resetAt });
  }
}

/** 5xx: the server failed. */
export class ServerError extends ApiError {
  static {
    ServerError.prototype.name = 'ServerError';
  }
}

/** Where a transport-level error happened. */
export interface RequestErrorInit {
  method?: string | undefined;
  url?: string | undefined;
}

/** The request could not reach the server or the connection failed. */
export class ConnectionError extends BandwidthError {
  static {
    ConnectionError.prototype.name = 'ConnectionError';
  }
  /** System error code when known, e.g. `ECONNREFUSED`, `ECONNRESET`. */
  declare readonly code: string | undefined;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;

  constructor(
    message: string,
    { cause, ...fields }: RequestErrorInit & { code?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { code: undefined, method: undefined, url: undefined }, fields);
  }
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends BandwidthError {
  static {
    TimeoutError.prototype.name = 'TimeoutError';
  }
  /** The per-attempt timeout in ms. */
  declare readonly timeout: number | undefined;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;

  constructor(message: string, fields: RequestErrorInit & { timeout?: number } = {}) {
    super(message);
    Object.assign(this, { timeout: undefined, method: undefined, url: undefined }, fields);
  }
}

/** The caller's `signal` aborted the call. */
export class AbortError extends BandwidthError {
  static {
    AbortError.prototype.name = 'AbortError';
  }
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;

  constructor(message = 'The operation was aborted', fields: RequestErrorInit = {}) {
    super(message);
    Object.assign(this, { method: undefined, url: undefined }, fields);
  }
}

/** Bad client configuration, e.g. missing credentials. */
export class ConfigurationError extends BandwidthError {
  static {
    ConfigurationError.prototype.name = 'ConfigurationError';
  }
}

/** An argument that would surely be rejected, caught before any request. */
export class ValidationError extends BandwidthError {
  static {
    ValidationError.prototype.name = 'ValidationError';
  }
}

/** A 2xx answer that breaks the API contract (no `Location`, not JSON, not an array…). */
export class InvalidResponseError extends BandwidthError {
  static {
    InvalidResponseError.prototype.name = 'InvalidResponseError';
  }
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
  static {
    CallbackError.prototype.name = 'CallbackError';
  }
  declare readonly status: CallbackErrorStatus;

  constructor(message: string, status: CallbackErrorStatus = 400) {
    super(message);
    Object.assign(this, { status });
  }
}

const rateLimitCodes = new Set([
  'message-rate-limit',
  'message-rate-limit-overall',
  'message-rate-limit-per-tn',
  'call-rate-limit',
]);

/** Everything needed to turn a non-2xx response into an error. */
export interface ResponseFacts {
  status: number;
  statusText: string;
  /** The body as text ('' when empty or unreadable). */
  body: string;
  headers: Headers;
  method: string;
  url: string;
}

/** Reads the server's wait hint: `Retry-After` (seconds or HTTP date) or `X-RateLimit-Reset` (epoch ms). */
export function resetTimeFrom(headers: Headers, now = Date.now()): Date | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    const at = /^\d+(\.\d+)?$/.test(retryAfter)
      ? now + Number(retryAfter) * 1000
      : Date.parse(retryAfter);
    if (Number.isFinite(at)) return new Date(at);
  }
  const reset = Number(headers.get('x-ratelimit-reset')?.trim() || Number.NaN);
  // Values this small are epoch seconds, which some servers send instead of milliseconds.
  if (Number.isFinite(reset) && reset > 0) return new Date(reset < 1e11 ? reset * 1000 : reset);
  return undefined;
}

function resetTimeFromDetails(details: unknown): Date | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (detail?.name === 'rateLimitResetTime') {
      const value = Number(detail.value);
      if (Number.isFinite(value) && value > 0) return new Date(value);
    }
  }
  return undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turns a non-2xx response into the matching `ApiError` subclass. Never throws: an unexpected
 * body shape falls back to the text, then the code, then the status text.
 */
export function apiErrorFrom(
  facts: ResponseFacts,
  scrub: (text: string) => string = String,
): ApiError {
  let fields: Record<string, unknown> | undefined;
  const text = facts.body;
  if (/^\s*\{/.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        fields = parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON after all: the text becomes the message.
    }
  }
  const code = asText(fields?.code);
  const message =
    (fields ? asText(fields.message) : asText(text)) ??
    code ??
    asText(facts.statusText) ??
    `HTTP ${facts.status}`;
  const details = fields?.details;
  const init: ApiErrorInit = {
    status: facts.status,
    category: asText(fields?.category),
    code,
    message: scrub(message),
    details: redactValue(details, scrub),
    headers: Object.fromEntries([...facts.headers].map(([name, value]) => [name, scrub(value)])),
    method: facts.method,
    url: facts.url,
  };
  const status = facts.status;
  if (status === 429 || (status === 403 && code !== undefined && rateLimitCodes.has(code))) {
    return new RateLimitError(init, resetTimeFrom(facts.headers) ?? resetTimeFromDetails(details));
  }
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new ForbiddenError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status >= 500) return new ServerError(init);
  return new ApiError(init);
}
