import { PhoneNumberMethods } from './phone-numbers';

/**
 * Client of the v1 account API: account and transactions, applications, available numbers, domains
 * and endpoints, the error log, media, number info and phone numbers. Each group of methods is
 * defined in its own module; this class is their sum.
 *
 * @example
 * ```ts
 * const account = new AccountClient(); // credentials from BANDWIDTH_* environment variables
 * const { balance } = await account.getAccount();
 * ```
 */
export class AccountClient extends PhoneNumberMethods {}
