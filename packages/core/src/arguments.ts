import { ArgumentTypeError, ValidationError } from './errors';

// A positional argument of the wrong type is a programming error: a `TypeError`, as the API
// contract says (one that `instanceof ValidationError` also accepts); a missing required key is a
// `ValidationError`.

/** Returns `value` when it is a non-empty string; otherwise throws a `TypeError` naming the parameter. */
export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ArgumentTypeError(`${name} must be a non-empty string`);
  }
  return value;
}

/** Returns `value` when it is a string (empty allowed), else throws a `TypeError` naming it. */
export function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new ArgumentTypeError(`${name} must be a string, got ${describe(value)}`);
  }
  return value;
}

/** Returns `value` when it is a boolean, else throws a `TypeError` naming it. */
export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ArgumentTypeError(`${name} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** Returns `value` when it is a finite number, else throws a `TypeError` naming it. */
export function requireNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentTypeError(`${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

// Names the type only: the value itself could be anything the caller holds.
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') {
    return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : 'a non-finite number';
  }
  return typeof value;
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
