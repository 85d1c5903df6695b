import { ValidationError } from './errors';

/** Returns `value` when it is a non-empty string; otherwise throws a `TypeError` naming the parameter. */
export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${name} must be a non-empty string`);
  }
  return value;
}

/**
 * Throws a `ValidationError` naming the first of `keys` that `value` lacks or holds as `''`
 * (or when `value` is not an object at all). `what` names the argument in the message.
 */
export function requireKeys(what: string, value: unknown, keys: readonly string[]): void {
  if (value === null || typeof value !== 'object') {
    throw new ValidationError(`${what} must be an object with ${keys.join(', ')}`);
  }
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || item === null || item === '') {
      throw new ValidationError(`${what}.${key} is required`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A fresh copy of `value` without `undefined` keys, deep through plain objects and arrays (array
 * positions are kept). Other values (Dates, class instances) are returned as they are.
 */
export function omitUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitUndefined) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) copy[key] = omitUndefined(item);
  }
  return copy as T;
}
