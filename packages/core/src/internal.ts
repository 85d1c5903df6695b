/**
 * @packageDocumentation
 * `@bw/core/internal`: the transport and the helpers the `@bw` client packages are built from
 * (`Transport`, argument checks, path, query and `Location` helpers, pagination, redaction, error
 * mapping), plus everything `@bw/core` exports. For `@bw` packages only: it is not covered by
 * semantic versioning and may change in any release. Applications import `@bw/core` or a client
 * package instead.
 */
export {
  omitUndefined,
  requireBoolean,
  requireId,
  requireKeys,
  requireNumber,
  requireString,
} from './arguments';
export { BaseClient } from './client';
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  ArgumentTypeError,
  AuthenticationError,
  apiErrorFrom,
  BandwidthError,
  CallbackError,
  type CallbackErrorStatus,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  type RequestErrorInit,
  type ResponseFacts,
  resetTimeFrom,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors';
export type { MethodsOf } from './method-groups';
export type { LinkValue, Page, PagedIterable } from './pagination';
export { createPagedIterable, nextLink, parseLinkHeader } from './pagination';
export { REDACTED, redactHeaders, redactValue } from './redact';
export type { RetryPolicy } from './retry';
export { defaultRetryPolicy } from './retry';
export type { TransportConfig } from './transport';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT, Transport } from './transport';
export type * from './types';
export { buildQuery, idFromLocation } from './url';
export { VERSION } from './version';
