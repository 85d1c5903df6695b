import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher, interceptors } from 'undici';

/** Options of `createUndiciFetch`. */
export interface UndiciFetchOptions {
  /**
   * The dispatcher to send with (e.g. a `ProxyAgent`). Default: one keep-alive `Agent` per
   * function, created on first use, with no headers timeout (the caller's signal governs waiting).
   */
  dispatcher?: Dispatcher;
  /** Most redirects followed for `redirect: 'follow'`. Default 20, as `fetch`. */
  maxRedirections?: number;
}

type RequestBody = Uint8Array | AsyncIterable<Uint8Array> | undefined;

const requestInitKeys = ['method', 'headers', 'body', 'signal', 'redirect'];
const nullBodyStatuses = new Set([101, 204, 205, 304]);

// Reads up to two chunks: a body that fits in one (a string, bytes, a Blob) is sent with a
// Content-Length; anything longer is streamed on as it comes.
async function bodyOf(request: Request, signal: AbortSignal): Promise<RequestBody> {
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const first = await reader.read();
  if (first.done) return new Uint8Array(0);
  const second = await reader.read();
  if (second.done) {
    signal.removeEventListener('abort', stop);
    return first.value;
  }
  return (async function* () {
    try {
      yield first.value;
      yield second.value;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      signal.removeEventListener('abort', stop);
    }
  })();
}

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/**
 * A `fetch`-compatible function that sends with undici's dispatcher API (`dispatcher.request`)
 * instead of undici's `fetch`: several times faster per request, while keeping streamed request
 * and response bodies, `signal` aborts (before and during the response body) and redirect modes.
 * It does not decompress bodies and sends no headers of its own, so `Accept-Encoding` is not set.
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): typeof globalThis.fetch {
  let manual: Dispatcher | undefined = options.dispatcher;
  let follow: Dispatcher | undefined;
  const dispatcherFor = (mode: Request['redirect']): Dispatcher => {
    manual ??= new Agent({ headersTimeout: 0 });
    if (mode !== 'follow') return manual;
    follow ??= manual.compose(
      interceptors.redirect({ maxRedirections: options.maxRedirections ?? 20 }),
    );
    return follow;
  };

  const undiciFetch = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const request =
      input instanceof Request && !requestInitKeys.some((key) => init && key in init)
        ? input
        : new Request(input, init);
    const { signal } = request;
    signal.throwIfAborted();
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    try {
      const body = await bodyOf(request, signal);
      signal.throwIfAborted();
      const answer = await dispatcherFor(request.redirect).request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body: body as Dispatcher.DispatchOptions['body'],
        signal,
      });
      const status = answer.statusCode;
      if (request.redirect === 'error' && status >= 300 && status < 400) {
        answer.body.destroy();
        throw new Error(`redirect (${status}) with redirect mode "error"`);
      }
      const empty = nullBodyStatuses.has(status) || request.method === 'HEAD';
      if (empty) answer.body.resume();
      const response = new Response(empty ? null : (answer.body as AsyncIterable<Uint8Array>), {
        status,
        statusText: STATUS_CODES[status] ?? '',
        headers: headersOf(answer.headers),
      });
      Object.defineProperty(response, 'url', { value: request.url });
      return response;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
  };
  return undiciFetch as typeof globalThis.fetch;
}
