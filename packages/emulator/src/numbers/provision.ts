import { charge, type ProductType, requireCredit } from '../billing';
import type { EmulatorContext } from '../context';
import { ID_PREFIXES } from '../ids';
import { isTollFree, nationalNumber } from '../phone';
import type { PhoneNumberRecord, UserState } from '../state';
import { centerOfAreaCode } from './geography';

/** The monthly product a number is billed as. */
export function numberProduct(number: string): ProductType {
  return isTollFree(number) ? 'toll-free-number-per-month' : 'local-number-per-month';
}

/** Monthly price of a number, in dollars as the API writes it. */
export function numberPrice(number: string): string {
  return isTollFree(number) ? '0.75' : '0.35';
}

/** Optional properties of a new phone number. */
export interface ProvisionExtras {
  name?: string;
  applicationId?: string;
  fallbackNumber?: string;
  /** Record the monthly charge (default true; seeded numbers are free). */
  bill?: boolean;
}

/**
 * Gives `number` to `user`: creates the phone-number record (city/state from the area
 * code), indexes the ownership and bills the month (403 `insufficient-available-balance`, with
 * nothing created, when the balance does not cover it). The caller checks availability.
 */
export function provisionNumber(
  context: EmulatorContext,
  user: UserState,
  number: string,
  extras: ProvisionExtras = {},
): PhoneNumberRecord {
  const tollFree = isTollFree(number);
  if (extras.bill !== false) requireCredit(user, numberProduct(number));
  const record: PhoneNumberRecord = {
    id: context.ids.next(ID_PREFIXES.phoneNumber),
    number,
    nationalNumber: nationalNumber(number),
    price: numberPrice(number),
    createdTime: new Date().toISOString(),
    numberState: 'enabled',
  };
  if (!tollFree && number.startsWith('+1')) {
    const center = centerOfAreaCode(number.slice(2, 5));
    record.city = center.city;
    record.state = center.state;
  }
  if (extras.name !== undefined) record.name = extras.name;
  if (extras.applicationId) record.applicationId = extras.applicationId;
  if (extras.fallbackNumber !== undefined) record.fallbackNumber = extras.fallbackNumber;
  context.store.claimNumber(user, record);
  if (extras.bill !== false) {
    charge(context, user, {
      productType: numberProduct(number),
      number,
      resourceId: record.id,
    });
  }
  return record;
}
