/** @packageDocumentation Bandwidth v1 account API: `AccountClient` and its types. */
export type {
  CallbackHttpMethod,
  ClientOptions,
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
export type { Account, AccountTransaction, ListAccountTransactionsOptions } from './account';
export type {
  Application,
  CreateApplicationOptions,
  UpdateApplicationOptions,
} from './applications';
export type {
  AvailableNumber,
  OrderedNumber,
  OrderedNumberWithId,
  OrderLocalNumbersOptions,
  OrderTollFreeNumbersOptions,
  SearchLocalNumbersOptions,
  SearchTollFreeNumbersOptions,
} from './available-numbers';
export { AccountClient, AccountClient as Client } from './client';
export type { CreateDomainOptions, Domain } from './domains';
export type {
  AuthToken,
  CreateAuthTokenOptions,
  CreateDomainEndpointOptions,
  Endpoint,
  UpdateDomainEndpointOptions,
} from './endpoints';
export type { PlatformError } from './errors';
export type { MediaFile } from './media';
export type { MediaContent, UploadMediaOptions } from './media-content';
export type { MediaDownload } from './media-download';
export type { NumberInfo } from './number-info';
export type {
  ListPhoneNumbersOptions,
  OrderPhoneNumberOptions,
  PhoneNumber,
  UpdatePhoneNumberOptions,
} from './phone-numbers';
