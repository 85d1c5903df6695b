import { CallbackError } from '@bw/core';
import { readText } from '../body';

/** What a callback can be read from. */
export type CallbackInput = Request | string | URLSearchParams | Record<string, unknown>;

/** Options of `readCallbackPayload`. */
export interface ReadCallbackOptions {
  /** Largest body accepted, in bytes; larger is a `CallbackError` 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/** Default body limit of callback readers and handlers: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * A payload is a null-prototype object: a key named like an `Object.prototype` member
 * (`toString`, `constructor`, `__proto__`) is plain data, never an inherited function or a
 * prototype swap.
 */
function dataRecord(entries?: object): Record<string, unknown> {
  const record: Record<string, unknown> = Object.create(null);
  // With no prototype there is no `__proto__` setter: every key becomes an own data property.
  return entries === undefined ? record : Object.assign(record, entries);
}

// A repeated key (e.g. several `media`) gives a list; a single one stays a string.
function fromQuery(query: string | URLSearchParams): Record<string, unknown> {
  const payload = dataRecord() as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(query)) {
    const seen = payload[key];
    payload[key] = seen === undefined ? value : [seen, value].flat();
  }
  return payload;
}

function fromText(text: string, json: boolean): Record<string, unknown> {
  const trimmed = text.trim();
  if (!json && !/^[[{]/.test(trimmed)) return fromQuery(trimmed);
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // Reported below with the other shapes that are not an object.
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CallbackError('Callback body is not a JSON object');
  }
  return dataRecord(parsed);
}

/**
 * The payload of a POST body already read as text: its query when the body is empty, a form, or
 * JSON (a `CallbackError` 400 when it is not an object).
 */
export function payloadFromBody(
  text: string,
  contentType: string | null | undefined,
  query: string,
): Record<string, unknown> {
  if (text.trim() === '') return fromQuery(query);
  const type = contentType ?? '';
  if (/x-www-form-urlencoded/i.test(type)) return fromQuery(text);
  return fromText(text, /[/+]json/i.test(type));
}

/**
 * Reads a callback into a null-prototype object (keys such as `toString` or `__proto__` are plain
 * data). A `Request` gives its JSON body (POST; size-limited) or
 * its query (GET, or an empty body); a string is JSON when it looks like JSON, else a query string
 * (`?` optional). Query values stay strings; a repeated key gives a list of strings. Malformed
 * input is a `CallbackError` 400, an oversize body 413.
 */
export async function readCallbackPayload(
  input: CallbackInput,
  { maxBodyBytes: limit = DEFAULT_MAX_BODY_BYTES }: ReadCallbackOptions = {},
): Promise<Record<string, unknown>> {
  const tooLarge = () => new CallbackError(`Callback body exceeds ${limit} bytes`, 413);
  if (typeof input === 'string') {
    if (new TextEncoder().encode(input).byteLength > limit) throw tooLarge();
    return fromText(input, false);
  }
  if (input instanceof URLSearchParams) return fromQuery(input);
  if (typeof Request !== 'undefined' && input instanceof Request) {
    const query = new URL(input.url).search;
    if (input.method === 'GET' || input.method === 'HEAD') return fromQuery(query);
    if (Number(input.headers.get('content-length')) > limit) throw tooLarge();
    let text: string;
    try {
      text = await readText(input.body, { limit, tooLarge });
    } catch (error) {
      throw error instanceof CallbackError ? error : new CallbackError('Callback body unreadable');
    }
    return payloadFromBody(text, input.headers.get('content-type'), query);
  }
  if (input !== null && typeof input === 'object' && !Array.isArray(input))
    return dataRecord(input);
  throw new CallbackError('Callback input must be a Request, string, URLSearchParams or object');
}

/**
 * The type a declared callback field has: `string`, `number`, `boolean`, `list` (of strings),
 * `object` (a JSON object), or a table of the fields of such an object, checked the same way.
 */
export type CallbackFieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'list'
  | 'object'
  | { readonly [field: string]: CallbackFieldType };

/** Options of {@link typeCallbackFields}. */
export interface TypeCallbackFieldsOptions {
  /**
   * What a declared field of the wrong type does: `'reject'` throws a `CallbackError` 400 naming
   * the field (a known event is malformed), `'omit'` leaves the field out (an unknown event).
   */
  readonly invalid: 'reject' | 'omit';
  /** Names the payload in the error message, e.g. `Voice event "gather"`. */
  readonly subject: string;
}

const INVALID = Symbol('invalid');
const DECIMAL = /^-?\d+(\.\d+)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** GET callbacks carry every value as text, so a decimal string is accepted wherever a number is. */
function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (typeof value !== 'string') return INVALID;
  const text = value.trim();
  if (text === '') return undefined;
  return DECIMAL.test(text) ? Number(text) : INVALID;
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return INVALID;
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  return text === 'true' ? true : text === 'false' ? false : INVALID;
}

/**
 * Lists arrive as a JSON array, as repeated query parameters, or in the GET form's `[a, b]` text;
 * a lone value is a one-item list.
 */
function toList(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.every((item) => typeof item === 'string') ? [...value] : INVALID;
  }
  if (typeof value !== 'string') return INVALID;
  const text = value.trim();
  if (text === '') return [];
  if (!text.startsWith('[') || !text.endsWith(']')) return [text];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // Not JSON: the unquoted `[a, b]` form.
  }
  return text
    .slice(1, -1)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A JSON object, given as one or, in the GET form, as JSON text. */
function toObject(value: unknown): unknown {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return INVALID;
  if (value.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : INVALID;
  } catch {
    return INVALID;
  }
}

function convert(
  type: CallbackFieldType,
  value: unknown,
  options: TypeCallbackFieldsOptions,
  path: string,
): unknown {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : INVALID;
    case 'number':
      return toNumber(value);
    case 'boolean':
      return toBoolean(value);
    case 'list':
      return toList(value);
    case 'object':
      return toObject(value);
    default: {
      const object = toObject(value);
      return isObject(object) ? typeFields(object, type, options, `${path}.`) : object;
    }
  }
}

/**
 * Gives a callback payload its declared types, the one way every event parser does: each declared
 * field is converted (text of the GET form to a number, boolean, list or JSON object) or, when it
 * is of the wrong type, rejected or omitted as `options.invalid` says; an absent, `null` or empty
 * (number, boolean, object) field is left out. Undeclared fields are kept as sent. The result is a
 * fresh plain object holding only own data properties; `payload` is not modified.
 *
 * @throws {CallbackError} (400) naming the field, when `invalid` is `'reject'`.
 */
export function typeCallbackFields(
  payload: Readonly<Record<string, unknown>>,
  fields: { readonly [field: string]: CallbackFieldType },
  options: TypeCallbackFieldsOptions,
): Record<string, unknown> {
  return typeFields(payload, fields, options, '');
}

function typeFields(
  payload: Readonly<Record<string, unknown>>,
  fields: { readonly [field: string]: CallbackFieldType },
  options: TypeCallbackFieldsOptions,
  prefix: string,
): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const name of Object.keys(payload)) {
    const raw = payload[name];
    // Defined as data: `__proto__` must not reach the prototype setter (the one such key).
    if (name === '__proto__') {
      Object.defineProperty(typed, name, {
        value: raw,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else typed[name] = raw;
  }
  for (const name of Object.keys(fields)) {
    if (!Object.hasOwn(typed, name)) continue;
    const type = fields[name] as CallbackFieldType;
    const raw = typed[name];
    const value =
      raw === null || raw === undefined ? undefined : convert(type, raw, options, prefix + name);
    if (value === INVALID && options.invalid === 'reject') {
      const kind = typeof type === 'string' ? type : 'object';
      throw new CallbackError(
        `${options.subject} field "${prefix}${name}" is not a valid ${kind}`,
        400,
      );
    }
    if (value === INVALID || value === undefined) delete typed[name];
    else typed[name] = value;
  }
  return typed;
}
