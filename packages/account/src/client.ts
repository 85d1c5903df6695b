import { BaseClient, type MethodsOf } from '@bw/core/internal';
import { AccountMethods } from './account';
import { ApplicationMethods } from './applications';
import { AvailableNumberMethods } from './available-numbers';
import { DomainMethods } from './domains';
import { EndpointMethods } from './endpoints';
import { ErrorMethods } from './errors';
import { MediaMethods } from './media';
import { NumberInfoMethods } from './number-info';
import { PhoneNumberMethods } from './phone-numbers';

/**
 * Client of the v1 account API: account and transactions, applications, available numbers, domains
 * and endpoints, the error log, media, number info and phone numbers: `BaseClient` plus the method
 * groups listed below, one per resource, each in its own file.
 *
 * @example
 * ```ts
 * const account = new AccountClient(); // credentials from BANDWIDTH_* environment variables
 * const { balance } = await account.getAccount();
 * ```
 */
export class AccountClient extends BaseClient {}

/** The methods of `AccountClient`, one group per resource. */
export interface AccountClient
  extends MethodsOf<AccountMethods>,
    MethodsOf<ApplicationMethods>,
    MethodsOf<AvailableNumberMethods>,
    MethodsOf<PhoneNumberMethods>,
    MethodsOf<DomainMethods>,
    MethodsOf<EndpointMethods>,
    MethodsOf<ErrorMethods>,
    MethodsOf<MediaMethods>,
    MethodsOf<NumberInfoMethods> {}

// Each group's methods (not its constructor) go on the client's prototype.
for (const group of [
  AccountMethods,
  ApplicationMethods,
  AvailableNumberMethods,
  PhoneNumberMethods,
  DomainMethods,
  EndpointMethods,
  ErrorMethods,
  MediaMethods,
  NumberInfoMethods,
]) {
  const { constructor: _, ...methods } = Object.getOwnPropertyDescriptors(group.prototype);
  Object.defineProperties(AccountClient.prototype, methods);
}
