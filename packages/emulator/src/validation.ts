import { apiError, blankProperty, missingProperty, validationError } from './errors';
import { redactUrlPasswords } from './redaction';

/** A JSON object body. */
export type JsonObject = Record<string, unknown>;

/** The body as an object; 400 `validation-error` ("Bad parameters") otherwise. */
export function objectBody(body: unknown, allowEmpty = false): JsonObject {
  if (body === undefined && allowEmpty) return {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('Bad parameters: a JSON object body is required');
  }
  return body as JsonObject;
}

/** A required, non-blank string property (`missing-property` / `blank-property`). */
export function requiredString(body: JsonObject, key: string, resource: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw missingProperty(resource, key);
  if (typeof value !== 'string') throw mustBe(resource, key, 'a string');
  if (value.trim() === '') throw blankProperty(resource, key);
  return value;
}

/** An optional string property; 400 when present but not a string. */
export function optionalString(
  body: JsonObject,
  key: string,
  resource: string,
): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw mustBe(resource, key, 'a string');
  return value;
}

/** An optional boolean; accepts `"true"`/`"false"` as the API's examples send them. */
export function optionalBoolean(
  body: JsonObject,
  key: string,
  resource: string,
): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw mustBe(resource, key, 'a boolean');
}

/** An optional integer (numeric strings accepted). */
export function optionalInteger(
  body: JsonObject,
  key: string,
  resource: string,
): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw mustBe(resource, key, 'an integer');
  }
  return number;
}

/** A value that must be one of `allowed` (case-insensitive); returns the canonical spelling. */
export function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  resource: string,
  key: string,
): T {
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (!match) {
    throw validationError(
      `The '${resource}' resource property '${key}' must be one of the following values: ${allowed.join(', ')}`,
    );
  }
  return match;
}

/** Checks a callback timeout: > 0 and ≤ 10000 ms. */
export function checkCallbackTimeout(
  value: number | undefined,
  resource: string,
  key: string,
): void {
  if (value === undefined) return;
  if (value <= 0) {
    throw validationError(`The '${resource}' resource property '${key}' must be greater than 0`);
  }
  if (value > 10_000) {
    throw validationError(
      `The '${resource}' resource property '${key}' exceeds the limit of 10000`,
    );
  }
}

/**
 * Reads the two delivery settings every callback-sending resource (message, call, conference)
 * takes, `callbackHttpMethod` (GET or POST) and `callbackTimeout` (> 0, ≤ 10000 ms), into `target`.
 */
export function readCallbackDelivery(
  body: JsonObject,
  resource: string,
  target: { callbackHttpMethod?: string; callbackTimeout?: number },
): void {
  const method = optionalString(body, 'callbackHttpMethod', resource);
  if (method !== undefined) {
    target.callbackHttpMethod = oneOf(
      method,
      ['GET', 'POST'] as const,
      resource,
      'callbackHttpMethod',
    );
  }
  const timeout = optionalInteger(body, 'callbackTimeout', resource);
  checkCallbackTimeout(timeout, resource, 'callbackTimeout');
  if (timeout !== undefined) target.callbackTimeout = timeout;
}

/** True for an absolute http(s) URL (credentials allowed). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** 400 `callback-invalid-url` unless `value` is an absolute http(s) URL. */
export function checkCallbackUrl(value: string | undefined): void {
  if (value === undefined || isHttpUrl(value)) return;
  throw apiError(
    400,
    'bad-request',
    'callback-invalid-url',
    `The URL ${redactUrlPasswords(value)} is not a valid callbackUrl/fallbackUrl`,
  );
}

function mustBe(resource: string, key: string, kind: string) {
  return validationError(`The '${resource}' resource property '${key}' must be ${kind}`);
}
