/** @packageDocumentation Bandwidth v1 messaging: `MessagingClient`, typed message events, callback handler. */
export type {
  BasicCredentials,
  CallbackHandler,
  CallbackHttpMethod,
  CallbackInput,
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
export {
  type MessageEventFields,
  type MessagingEvent,
  type MmsEvent,
  parseMessageEvent,
  type SmsEvent,
  type UnknownMessageEvent,
} from './events';
export { createMessagingCallbackHandler, type MessagingCallbackHandlerOptions } from './handler';
export { MessagingClient, MessagingClient as Client } from './messages';
export type {
  ListMessagesOptions,
  Message,
  SendMessageError,
  SendMessageOptions,
  SendMessageResult,
} from './types';
