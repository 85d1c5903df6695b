/** What a password in a displayed URL is replaced with. */
export const REDACTED = '[REDACTED]';

// `//user:password@` inside any text; a password cannot hold `/`, `@` or whitespace unencoded.
const URL_PASSWORD = /(\/\/[^/@\s:"'<>]*):[^/@\s"'<>]*@/g;
// The same URL percent-encoded as a query value (`%2F%2Fuser%3Apassword%40`).
const ENCODED_URL_PASSWORD =
  /(%2F%2F(?:(?!%3A|%40|%2F)[^/@\s"'<>&])*%3A)(?:(?!%2F)[^/@\s"'<>&])*?%40/gi;

/**
 * `text` with the password of every URL in it shown as `[REDACTED]`
 * (`https://user:[REDACTED]@host/…`, also when percent-encoded in a query). Everything the emulator displays — state snapshots,
 * traces, the error log, log lines — goes through it; callbacks still get the credentials.
 */
export function redactUrlPasswords(text: string): string {
  // Most strings hold no URL at all: skip both scans (the second one needs an encoded `//`).
  if (!text.includes('//') && !text.includes('%2')) return text;
  return text
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(ENCODED_URL_PASSWORD, `$1${REDACTED}%40`);
}

/** A copy of a JSON-like value with {@link redactUrlPasswords} applied to every string in it. */
export function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactUrlPasswords(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactStrings(item);
  return copy as T;
}
