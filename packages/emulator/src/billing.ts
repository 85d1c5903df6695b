import type { EmulatorContext } from './context';
import { apiError } from './errors';
import { ID_PREFIXES } from './ids';
import { formatDollars, type TransactionRecord, type UserState } from './state';

/** Product types of account transactions. */
export type ProductType =
  | 'local-number-per-month'
  | 'toll-free-number-per-month'
  | 'sms-in'
  | 'sms-out'
  | 'mms-in'
  | 'mms-out'
  | 'call-in'
  | 'call-out'
  | 'sip-call-in'
  | 'sip-call-out'
  | 'transcription'
  | 'cnam-search';

/** Unit prices in 10⁻⁵ dollars (synthetic, in the range the platform charged). */
export const UNIT_PRICES: Readonly<Record<ProductType, number>> = Object.freeze({
  'local-number-per-month': 35_000,
  'toll-free-number-per-month': 75_000,
  'sms-in': 750,
  'sms-out': 750,
  'mms-in': 1_500,
  'mms-out': 1_500,
  'call-in': 1_000,
  'call-out': 1_000,
  'sip-call-in': 500,
  'sip-call-out': 500,
  transcription: 1_000,
  'cnam-search': 1_000,
});

/** A charge to record. */
export interface ChargeInput {
  productType: ProductType;
  /** Billed units (segments, minutes, numbers …; default 1). */
  units?: number;
  number?: string;
  resourceId?: string;
}

/**
 * Refuses a request the account cannot pay for (403 `credit` `insufficient-available-balance`):
 * the pre-pay balance must cover `units` of `productType`. Checked before anything is created;
 * what the platform charges without a request (inbound messages and calls, recordings) is never
 * refused and may take the balance below zero.
 */
export function requireCredit(user: UserState, productType: ProductType, units = 1): void {
  const needed = UNIT_PRICES[productType] * units;
  if (user.balanceMicros < needed) {
    throw apiError(
      403,
      'credit',
      'insufficient-available-balance',
      `The available balance ${formatDollars(user.balanceMicros)} does not cover ${formatDollars(needed)} for ${units} ${productType}`,
    );
  }
}

/** Amounts written before: a message's charge is one of a few amounts, each kept once. */
const amountTexts = new Map<number, string>();
const AMOUNT_TEXTS_KEPT = 256;

function amountText(amount: number): string {
  let text = amountTexts.get(amount);
  if (text === undefined) {
    text = formatDollars(amount);
    if (amountTexts.size < AMOUNT_TEXTS_KEPT) amountTexts.set(amount, text);
  }
  return text;
}

/**
 * Records a `charge` transaction and lowers the balance. `now`: when it happened (epoch ms),
 * given by a caller that has it already (the charge of a message it just made).
 */
export function charge(
  context: EmulatorContext,
  user: UserState,
  input: ChargeInput,
  now = Date.now(),
): TransactionRecord {
  const units = input.units ?? 1;
  const amount = UNIT_PRICES[input.productType] * units;
  user.balanceMicros -= amount;
  // Made with every field at once (those it has not, `undefined`), so they all stay within the
  // object: two added afterwards would take a second object of their own, per message.
  const record: TransactionRecord = {
    id: context.ids.next(ID_PREFIXES.transaction),
    createdAt: now,
    amount: amountText(amount),
    type: 'charge',
    units: String(units),
    productType: input.productType,
    number: input.number,
    resourceId: input.resourceId,
  };
  user.transactions.add(record.id, record);
  return record;
}
