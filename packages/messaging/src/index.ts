/**
 * @packageDocumentation
 * Bandwidth v1 messaging: `MessagingClient`, its types and the error classes. Message callback
 * events, their parser and the callback handler are in `@bw/messaging/callbacks`.
 */
export type {
  CallbackHttpMethod,
  ClientOptions,
  Logger,
  Open,
  PagedIterable,
  RequestOptions,
  SizeOptions,
} from '@bw/core';
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
} from '@bw/core';
export { MessagingClient, MessagingClient as Client } from './messages';
export type {
  ListMessagesOptions,
  Message,
  SendMessageError,
  SendMessageOptions,
  SendMessageResult,
} from './types';
