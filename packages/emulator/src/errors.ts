import type { HttpRequest } from './http';

/** One `{ name, value }` entry of an error's `details`. */
export interface ErrorDetail {
  name: string;
  value: string;
}

/** The v1 error body: `{ category, code, message, details }` (`message` is absent on 429). */
export interface ErrorBody {
  category: string;
  code: string;
  message?: string;
  details: ErrorDetail[];
}

/**
 * An API error thrown from a route handler or hook. The server's error handler turns it into
 * the v1 body, appending the `requestMethod`, `remoteAddress` and `requestPath` details.
 */
export class EmulatorApiError extends Error {
  override readonly name = 'EmulatorApiError';
  readonly status: number;
  readonly category: string;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Extra response headers (e.g. `X-RateLimit-Reset`). */
  readonly headers: Record<string, string>;
  /** False for bodies the reference documents without a message (429). */
  readonly hasMessage: boolean;

  constructor(
    status: number,
    category: string,
    code: string,
    message: string | undefined,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message ?? code);
    this.status = status;
    this.category = category;
    this.code = code;
    this.details = details;
    this.headers = headers;
    this.hasMessage = message !== undefined;
  }

  /** The error body for `request` (details about the request appended). */
  toBody(request?: HttpRequest): ErrorBody {
    const details = request ? [...this.details, ...requestDetails(request)] : [...this.details];
    return this.hasMessage
      ? { category: this.category, code: this.code, message: this.message, details }
      : { category: this.category, code: this.code, details };
  }
}

/** Creates the error to `throw` from a handler: `throw apiError(404, 'not-found', …)`. */
export function apiError(
  status: number,
  category: string,
  code: string,
  message: string | undefined,
  details?: ErrorDetail[],
  headers?: Record<string, string>,
): EmulatorApiError {
  return new EmulatorApiError(status, category, code, message, details, headers);
}

/** The details every error body carries about the request that caused it. */
export function requestDetails(request: HttpRequest): ErrorDetail[] {
  return [
    { name: 'requestMethod', value: request.method },
    { name: 'remoteAddress', value: request.ip },
    { name: 'requestPath', value: request.path.replace(/^\/v1\//, '').replace(/^\//, '') },
  ];
}

/** The category the reference pairs with an HTTP status. */
export function categoryForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'authorization';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 429:
      return 'too-many-requests';
    case 500:
      return 'backend';
    default:
      return status >= 500 ? 'unavailable' : 'bad-request';
  }
}

/** 404 `{resource}-not-found`, worded like the reference. */
export function notFound(code: string, what: string, id: string): EmulatorApiError {
  return apiError(404, 'not-found', code, `The ${what} ${id} could not be found`);
}

/** 400 `missing-property` for a required property of `resource`. */
export function missingProperty(resource: string, property: string): EmulatorApiError {
  return apiError(
    400,
    'bad-request',
    'missing-property',
    `The '${resource}' resource property '${property}' is required but was not specified`,
  );
}

/** 400 `blank-property` for a property that holds only whitespace. */
export function blankProperty(resource: string, property: string): EmulatorApiError {
  return apiError(
    400,
    'bad-request',
    'blank-property',
    `The '${resource}' resource property '${property}' must contain at least one non-whitespace character`,
  );
}

/** 400 `validation-error` with the given message. */
export function validationError(message: string): EmulatorApiError {
  return apiError(400, 'bad-request', 'validation-error', message);
}
