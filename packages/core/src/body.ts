import { InvalidResponseError } from './errors';

/** Limits on reading a body: give up past `limit` bytes or at `deadline` (epoch ms). */
export interface ReadLimits {
  limit?: number;
  deadline?: number;
  /** The error for a body past `limit`. */
  tooLarge?: () => Error;
  /** The error for a body still arriving at `deadline`. */
  tooSlow?: () => Error;
}

/**
 * Reads a body stream as UTF-8 text within `limits`. When a limit is hit the stream is cancelled,
 * which releases the connection, and the matching error is thrown.
 */
export async function readText(
  stream: ReadableStream<Uint8Array> | null,
  { limit = Infinity, deadline = Infinity, tooLarge, tooSlow }: ReadLimits = {},
): Promise<string> {
  if (!stream) return '';
  const reader = stream.getReader();
  let failure: Error | undefined;
  const stop = (error?: Error) => {
    failure = error;
    reader.cancel().catch(() => undefined);
  };
  // Cancelling ends the pending read with `done`; the loop then throws `failure`.
  const timer =
    deadline < Infinity
      ? setTimeout(() => stop(tooSlow?.()), Math.max(0, deadline - Date.now()))
      : undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (failure) throw failure;
      if (done) break;
      size += value.byteLength;
      if (size > limit) stop(tooLarge?.());
      else chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
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
 * The parsed JSON of a 2xx body, or `undefined` when it is empty. A body whose `Content-Type` is
 * neither JSON nor absent, or that does not parse, is an `InvalidResponseError` naming `what`.
 */
export function parseJsonBody(text: string, contentType: string | null, what: string): unknown {
  if (text.trim() === '') return undefined;
  if (!contentType || /[/+]json\s*(;|$)/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      // Reported below, like a body of another type.
    }
  }
  throw new InvalidResponseError(`${what}: response is not JSON`, text);
}
