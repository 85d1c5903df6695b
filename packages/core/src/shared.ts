/**
 * @packageDocumentation
 * `@bw/core/shared`: the error classes and option types that every `@bw` client package
 * re-exports, listed once. `@bw/messaging`, `@bw/voice`, `@bw/account` and `@bw/sdk` each export
 * all of it (`export * from '@bw/core/shared'`), so their error and option surfaces cannot drift
 * apart. `@bw/core` exports it too.
 */
export type {
  AfterResponseHook,
  ApiErrorInit,
  BeforeErrorHook,
  BeforeRequestHook,
  BeforeRetryHook,
  CallbackErrorStatus,
  CallbackHttpMethod,
  ClientConfig,
  ClientOptions,
  Credentials,
  Hooks,
  HttpMethod,
  Logger,
  Open,
  PagedIterable,
  RequestContext,
  RequestErrorInit,
  RequestOptions,
  RetryEvent,
  RetryOptions,
  SizeOptions,
} from '@bw/core/internal';
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BandwidthError,
  CallbackError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@bw/core/internal';
