/** @packageDocumentation Bandwidth v1 account API: `AccountClient` and its types. */
// The error classes and option types of `@bw/core`: one list, shared by every client package.
export * from '@bw/core/shared';
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
