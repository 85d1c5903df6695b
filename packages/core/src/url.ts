import { InvalidResponseError } from './errors';

/** Joins path segments, each percent-encoded exactly once: `+` → `%2B`, `/` → `%2F`, `%` → `%25`. */
export function joinSegments(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) path += `/${encodeURIComponent(segment)}`;
  return path;
}

function queryValue(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * `?key=value&…` for the defined entries of `query` ('' when there are none). `undefined` and
 * `null` are left out, booleans become `true`/`false`, arrays repeat the key, Dates become ISO text.
 */
export function buildQuery(query: object | undefined): string {
  if (!query) return '';
  let text = '';
  for (const [key, value] of Object.entries(query)) {
    if (value == null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      text += `${text ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(queryValue(item))}`;
    }
  }
  return text;
}

/**
 * The id in a `Location` header: its last non-empty path segment, percent-decoded. The header may
 * be absolute or relative; query and fragment are ignored.
 */
export function idFromLocation(location: string): string {
  const path = location
    .replace(/[?#].*$/s, '')
    .replace(/^[a-z][a-z\d+.-]*:\/\/[^/]*/i, '')
    .replace(/^\/\/[^/]*/, '');
  const segment = path.split('/').filter(Boolean).pop();
  if (segment === undefined) {
    throw new InvalidResponseError(`Location header has no path segment: ${location}`);
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
