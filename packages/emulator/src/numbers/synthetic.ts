import type { EmulatorContext } from '../context';
import { apiError, validationError } from '../errors';
import { integerQuery, queryValue } from '../pagination';
import { nationalNumber, TOLL_FREE_PREFIXES } from '../phone';
import { type RandomSource, randomInt } from '../random';
import {
  centerOfAreaCode,
  centerOfZip,
  centersOf,
  isKnownState,
  lataOf,
  type RateCenter,
} from './geography';
import { numberPrice } from './provision';

/** Local or toll-free numbers. */
export type NumberKind = 'local' | 'tollFree';

/** A checked search of available numbers. */
export interface NumberSearch {
  kind: NumberKind;
  quantity: number;
  /** Where local numbers come from (empty for toll-free). */
  centers: RateCenter[];
  /** Area code (+ local number prefix) every result starts with, when fixed. */
  prefix?: string;
  pattern?: PatternToken[];
  /** Canonical text of the query: same query, same numbers. */
  key: string;
}

/** One token of a number pattern. */
export type PatternToken = { type: 'digit'; digit: string } | { type: 'one' } | { type: 'many' };

/** An available number as the search answers it. */
export interface AvailableNumber {
  number: string;
  nationalNumber: string;
  patternMatch: string;
  city?: string;
  lata?: string;
  rateCenter?: string;
  state?: string;
  price: string;
}

const KEYPAD: Record<string, string> = {
  A: '2',
  B: '2',
  C: '2',
  D: '3',
  E: '3',
  F: '3',
  G: '4',
  H: '4',
  I: '4',
  J: '5',
  K: '5',
  L: '5',
  M: '6',
  N: '6',
  O: '6',
  P: '7',
  Q: '7',
  R: '7',
  S: '7',
  T: '8',
  U: '8',
  V: '8',
  W: '9',
  X: '9',
  Y: '9',
  Z: '9',
};

const searchError = (message: string) =>
  apiError(400, 'bad-request', 'invalid-available-number-search', message);
const orderError = (message: string) =>
  apiError(400, 'bad-request', 'invalid-available-number-search-order', message);

/**
 * Checks the query of `GET|POST /availableNumbers/{local|tollFree}` and answers the
 * reference's 400/403 errors for bad combinations and limits.
 */
export function parseNumberSearch(query: unknown, kind: NumberKind, order: boolean): NumberSearch {
  const defaultQuantity = kind === 'tollFree' && order ? 1 : 10;
  const quantity = integerQuery(query, 'quantity', 'availableNumber', defaultQuantity);
  if (quantity <= 0) throw validationError('Quantity must be greater than zero.');
  if (order && quantity > 10) {
    throw orderError('The maximum quantity of numbers searching and ordering is 10');
  }
  if (!order && quantity > 5000) throw searchError('The maximum quantity of numbers is 5000');
  const rawPattern = nonEmpty(queryValue(query, 'pattern'));
  if (order && rawPattern !== undefined) {
    throw orderError('A query and order numbers cannot contain pattern');
  }
  const pattern = rawPattern === undefined ? undefined : parsePattern(rawPattern);
  if (kind === 'tollFree') {
    return withKey({ kind, quantity, centers: [], ...(pattern ? { pattern } : {}) }, rawPattern);
  }

  const city = nonEmpty(queryValue(query, 'city'));
  const state = nonEmpty(queryValue(query, 'state'));
  const zip = nonEmpty(queryValue(query, 'zip'));
  const areaCode = nonEmpty(queryValue(query, 'areaCode'));
  const localNumber = nonEmpty(queryValue(query, 'localNumber'));
  const areaOrLocal = areaCode !== undefined || localNumber !== undefined;
  if (city && !state) throw searchError('For searching by City the State is also required.');
  if (city && zip) throw searchError('A query cannot combine City with ZIP Code.');
  if (city && areaOrLocal) {
    throw searchError('A query cannot combine City with Area Code or Local Number.');
  }
  if (zip && state && areaOrLocal) {
    throw searchError('A query cannot combine ZIP Code and State with Area Code or Local Number.');
  }
  if (zip && areaOrLocal) {
    throw searchError('A query cannot combine ZIP Code with Area Code or Local Number.');
  }
  if (zip && state) throw searchError('A query cannot combine ZIP Code with State.');
  if (state && areaOrLocal) {
    throw searchError('A query cannot combine State with Area Code or Local Number.');
  }
  if (!state && !zip && !areaCode) {
    throw searchError('Specify a State ZIP Code or Area Code with your query.');
  }

  let centers: RateCenter[];
  let prefix: string | undefined;
  if (areaCode !== undefined) {
    if (!/^[2-9]\d\d$/.test(areaCode)) throw searchError('An Area Code must be 3 digits.');
    prefix = areaCode;
    if (localNumber !== undefined) {
      if (!/^\d+$/.test(localNumber) || localNumber.length < 3) {
        throw searchError('Local Number must contains at least 3 digits.');
      }
      if (localNumber.length > 4) {
        throw searchError('localNumber must contain a maximum of 4 digits');
      }
      if (!/^[2-9]/.test(localNumber)) {
        throw searchError('Local Number must start with a digit from 2 to 9.');
      }
      prefix += localNumber;
    }
    centers = [centerOfAreaCode(areaCode)];
  } else if (zip !== undefined) {
    if (!/^\d{5}$/.test(zip) || zip.startsWith('000')) {
      throw apiError(
        400,
        'bad-request',
        'invalid-zip-code',
        `The ZIP code ${zip} did not map to a location where telephone numbers are available`,
      );
    }
    centers = [centerOfZip(zip)];
  } else {
    const stateCode = (state as string).toUpperCase();
    if (!isKnownState(stateCode)) {
      throw validationError(
        `The 'availableNumber' resource property 'state' must be a US state code`,
      );
    }
    centers = centersOf(stateCode, city);
    if (centers.length === 0) {
      throw apiError(
        403,
        'forbidden',
        'invalid-rate-center',
        `The city ${city} in the state ${stateCode} was not found`,
      );
    }
  }
  const search: Omit<NumberSearch, 'key'> = { kind, quantity, centers };
  if (prefix !== undefined) search.prefix = prefix;
  if (pattern) search.pattern = pattern;
  return withKey(search, rawPattern);
}

function withKey(search: Omit<NumberSearch, 'key'>, rawPattern: string | undefined): NumberSearch {
  const where = search.centers.map((center) => `${center.state}/${center.city}`).join(',');
  return {
    ...search,
    key: `${search.kind}|${where}|${search.prefix ?? ''}|${rawPattern ?? ''}`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** `?` = one digit, `*` = any digits, letters as on a phone keypad. */
export function parsePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (const char of pattern.toUpperCase()) {
    if (char >= '0' && char <= '9') tokens.push({ type: 'digit', digit: char });
    else if (KEYPAD[char]) tokens.push({ type: 'digit', digit: KEYPAD[char] as string });
    else if (char === '?') tokens.push({ type: 'one' });
    else if (char === '*') tokens.push({ type: 'many' });
    else {
      throw searchError(
        `The pattern ${pattern} may only contain digits, letters and the wildcards ? and *`,
      );
    }
  }
  return tokens;
}

/**
 * Up to `search.quantity` available numbers: synthetic, deterministic for the same query
 * (and seed), never a number someone owns.
 */
export function findAvailableNumbers(
  context: EmulatorContext,
  search: NumberSearch,
): AvailableNumber[] {
  const random = context.random.derived(`numbers:${search.key}`);
  const found = new Map<string, AvailableNumber>();
  const attempts = search.quantity * 40 + 500;
  for (let attempt = 0; attempt < attempts && found.size < search.quantity; attempt++) {
    const candidate = candidateFor(search, random);
    if (!candidate || found.has(candidate.number)) continue;
    if (context.store.ownerOf(candidate.number)) continue;
    found.set(candidate.number, candidate);
  }
  return [...found.values()];
}

function candidateFor(search: NumberSearch, random: RandomSource): AvailableNumber | undefined {
  if (search.kind === 'tollFree') {
    const areaCode = TOLL_FREE_PREFIXES[
      randomInt(random, 0, TOLL_FREE_PREFIXES.length - 1)
    ] as string;
    const digits = buildDigits(areaCode, search.pattern, random);
    if (!digits) return undefined;
    const number = `+1${digits}`;
    return {
      number,
      nationalNumber: nationalNumber(number),
      patternMatch: nationalNumber(number),
      price: numberPrice(number),
    };
  }
  const center = search.centers[randomInt(random, 0, search.centers.length - 1)] as RateCenter;
  const prefix =
    search.prefix ??
    (center.areaCodes[randomInt(random, 0, center.areaCodes.length - 1)] as string);
  const digits = buildDigits(prefix, search.pattern, random);
  if (!digits) return undefined;
  const number = `+1${digits}`;
  const areaCode = digits.slice(0, 3);
  return {
    number,
    nationalNumber: nationalNumber(number),
    patternMatch: nationalNumber(number),
    city: center.city,
    lata: lataOf(areaCode),
    rateCenter: center.city,
    state: center.state,
    price: numberPrice(number),
  };
}

/**
 * Ten national digits starting with `prefix` and matching `pattern` (whole-number match),
 * with a valid exchange (4th digit 2–9); undefined when this try cannot fit.
 */
function buildDigits(
  prefix: string,
  pattern: PatternToken[] | undefined,
  random: RandomSource,
): string | undefined {
  const slots: Array<string | null> = new Array(10).fill(null);
  if (pattern) {
    const fixed = pattern.filter((token) => token.type !== 'many').length;
    const stars = pattern.length - fixed;
    if (fixed > 10 || (stars === 0 && fixed !== 10)) return undefined;
    let spare = 10 - fixed;
    let starsLeft = stars;
    let position = 0;
    for (const token of pattern) {
      if (token.type === 'many') {
        starsLeft--;
        const length = starsLeft === 0 ? spare : randomInt(random, 0, spare);
        spare -= length;
        position += length;
      } else {
        if (token.type === 'digit') slots[position] = token.digit;
        position++;
      }
    }
  }
  for (let index = 0; index < prefix.length; index++) {
    const slot = slots[index];
    if (slot !== null && slot !== prefix[index]) return undefined;
    slots[index] = prefix[index] as string;
  }
  let digits = '';
  for (let index = 0; index < 10; index++) {
    const slot = slots[index];
    if (slot !== null && slot !== undefined) {
      if ((index === 0 || index === 3) && slot < '2') return undefined;
      digits += slot;
    } else {
      digits += String(
        index === 0 || index === 3 ? randomInt(random, 2, 9) : randomInt(random, 0, 9),
      );
    }
  }
  return digits;
}
