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

// A repeated key (e.g. several `media`) gives a list; a single one stays a string.
function fromQuery(query: string | URLSearchParams): Record<string, unknown> {
  const payload: Record<string, string | string[]> = {};
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
  return parsed as Record<string, unknown>;
}

/**
 * Reads a callback into a plain object. A `Request` gives its JSON body (POST; size-limited) or
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
    if (text.trim() === '') return fromQuery(query);
    const type = input.headers.get('content-type') ?? '';
    if (/x-www-form-urlencoded/i.test(type)) return fromQuery(text);
    return fromText(text, /[/+]json/i.test(type));
  }
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) return { ...input };
  throw new CallbackError('Callback input must be a Request, string, URLSearchParams or object');
}
