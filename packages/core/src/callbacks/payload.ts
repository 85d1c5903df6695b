import { CallbackError } from '../errors';

/** What a callback can be read from. */
export type CallbackInput = Request | string | URLSearchParams | Record<string, unknown>;

/** Options of `readCallbackPayload`. */
export interface ReadCallbackOptions {
  /** Largest body accepted, in bytes; larger is a `CallbackError` 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** Default body limit of callback readers and handlers: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): CallbackError {
  return new CallbackError(`Callback body exceeds ${limit} bytes`, 413);
}

// A repeated key (e.g. several `media`) gives a list; a single one stays a string.
function fromQuery(query: string | URLSearchParams): Record<string, unknown> {
  const params = typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query;
  const payload: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = payload[key];
    payload[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
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
    throw new CallbackError('Callback body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CallbackError('Callback body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof CallbackError) throw error;
    throw new CallbackError('Callback body could not be read');
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Reads a callback into a plain object. A `Request` gives its JSON body (POST; size-limited) or
 * its query (GET, or an empty body); a string is JSON when it looks like JSON, else a query string
 * (`?` optional). Query values stay strings; a repeated key gives a list of strings. Malformed input is a `CallbackError` 400, an
 * oversize body 413.
 */
export async function readCallbackPayload(
  input: CallbackInput,
  options: ReadCallbackOptions = {},
): Promise<Record<string, unknown>> {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (typeof input === 'string') {
    if (new TextEncoder().encode(input).byteLength > limit) throw tooLarge(limit);
    return fromText(input, false);
  }
  if (input instanceof URLSearchParams) return fromQuery(input);
  if (typeof Request !== 'undefined' && input instanceof Request) {
    const query = new URL(input.url).search;
    if (input.method === 'GET' || input.method === 'HEAD') return fromQuery(query);
    const text = await readLimited(input, limit);
    if (text.trim() === '') return fromQuery(query);
    const type = input.headers.get('content-type') ?? '';
    if (/application\/x-www-form-urlencoded/i.test(type)) return fromQuery(text);
    return fromText(text, /[/+]json/i.test(type));
  }
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) return { ...input };
  throw new CallbackError('Callback input must be a Request, string, URLSearchParams or object');
}
