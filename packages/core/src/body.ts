import { InvalidResponseError, type TimeoutError } from './errors';

/**
 * Reads a response body as text, giving up with `onTimeout()` at `deadline` (epoch ms; `Infinity`
 * for none). On timeout the body stream is cancelled so the connection is released.
 */
export async function readText(
  response: Response,
  deadline: number,
  onTimeout: () => TimeoutError,
): Promise<string> {
  const body = response.body;
  if (!body) return '';
  if (deadline === Number.POSITIVE_INFINITY) return response.text();
  const reader = body.getReader();
  let timedOut = false;
  // Cancelling ends the pending read with `done`, which the loop below turns into the timeout.
  const timer = setTimeout(
    () => {
      timedOut = true;
      reader.cancel().catch(() => undefined);
    },
    Math.max(0, deadline - Date.now()),
  );
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw onTimeout();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    clearTimeout(timer);
  }
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The parsed JSON of a 2xx body, or `undefined` when it is empty. A body whose `Content-Type` is
 * neither JSON nor absent, or that does not parse, is an `InvalidResponseError` naming `what`.
 */
export function parseJsonBody(text: string, contentType: string | null, what: string): unknown {
  if (text.trim() === '') return undefined;
  if (contentType && !/[/+]json\s*(;|$)/i.test(contentType)) {
    throw new InvalidResponseError(`${what}: expected a JSON response, got ${contentType}`, text);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidResponseError(`${what}: response is not valid JSON`, text);
  }
}
