import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import ky from 'ky';
import { FetchRejection } from './errors';
import type { Sender, SenderFactory } from './transport';

interface Protocol {
  request: typeof httpRequest;
  agent: Agent;
}

// Idle sockets are closed before a server's usual 5 s keep-alive ends, so a request is not sent on
// a socket the server is closing; a shorter `Keep-Alive: timeout` from the server wins.
const keepAlive = { keepAlive: true, timeout: 4_000 };
const plain: Protocol = { request: httpRequest, agent: new Agent(keepAlive) };
let secure: Promise<Protocol> | undefined;

// `node:https` (and TLS with it) is loaded for the first https request only.
function secureProtocol(): Promise<Protocol> {
  secure ??= import('node:https').then((https) => ({
    request: https.request,
    agent: new https.Agent(keepAlive),
  }));
  return secure;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const crossOriginHeaders = ['authorization', 'proxy-authorization', 'cookie'];
const maxRedirects = 20;

// What `Headers` does to a value: surrounding spaces and tabs dropped (CR/LF are refused earlier).
function headerValue(value: string): string {
  return value.replace(/^[\t ]+|[\t ]+$/g, '');
}

/** The `Headers` methods the transport reads a response with, over `node:http`'s header object. */
class ResponseHeaders {
  readonly #raw: IncomingMessage['headers'];

  constructor(raw: IncomingMessage['headers']) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}

// A body as the transport reads it (`getReader`, `read`, `cancel`). Cancelling ends a pending read
// as done, as a cancelled `ReadableStream` does, and closes the connection.
function bodyOf(response: IncomingMessage) {
  const chunks = response[Symbol.asyncIterator]();
  let cancelled = false;
  const reader = {
    read: (): Promise<IteratorResult<Uint8Array, undefined>> =>
      chunks.next().catch((error: unknown) => {
        if (cancelled) return { done: true, value: undefined };
        throw error;
      }),
    cancel: async (): Promise<void> => {
      cancelled = true;
      response.destroy();
    },
  };
  return { getReader: () => reader };
}

// The error ky rejects with when an attempt's timeout ends before the response starts.
function timedOut(): Error {
  return Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
}

/** Sends one request; resolves with the response once its head has arrived. */
function exchange(
  protocol: Protocol,
  url: URL,
  method: string,
  headers: Record<string, string | number>,
  body: string | undefined,
  signal: AbortSignal | null | undefined,
  timeout: number | false,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outgoing = protocol.request(url, { method, headers, agent: protocol.agent });
    const stop = (error: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      outgoing.destroy();
      reject(error);
    };
    const abort = () => stop(signal?.reason);
    if (timeout !== false) timer = setTimeout(() => stop(timedOut()), timeout);
    signal?.addEventListener('abort', abort, { once: true });
    outgoing.on('error', (error) => stop(new FetchRejection(error)));
    outgoing.on('response', (response) => {
      clearTimeout(timer);
      if (signal) {
        // An abort while the body is read ends the read, as it does a fetch's body stream.
        signal.removeEventListener('abort', abort);
        const abortBody = () => response.destroy(signal.reason);
        signal.addEventListener('abort', abortBody, { once: true });
        response.on('close', () => signal.removeEventListener('abort', abortBody));
      }
      resolve(response);
    });
    outgoing.end(body);
  });
}

/**
 * The `node` build's senders. A client with neither hooks nor a `fetch` option sends its JSON and
 * body-less requests straight through `node:http` (keep-alive agents shared by all clients): no
 * `Request`, `Response` or stream is made per request, and `node:http` is built into Node.js, so
 * nothing is loaded before the first request. Everything else (hooks, a `fetch` option, raw
 * bodies, a caller that wants the `Response` itself) goes through ky; with the platform `fetch`,
 * `prepare` first loads its engine, which is then not counted against the attempt's timeout.
 */
export function createNodeSender(prepare: () => Promise<unknown>): SenderFactory {
  let prepared: Promise<unknown> | undefined;
  let ready = false;
  return (defaults) => {
    const instance = ky.create(defaults);
    const viaKy: Sender = (input, options) => {
      if (ready) return instance(input, options);
      prepared ??= prepare().then(() => {
        ready = true;
      });
      return prepared.then(() => instance(input, options));
    };
    if (defaults.hooks) return viaKy;
    const prefix = `${defaults.prefixUrl}/`;
    const common: Record<string, string> = {};
    for (const [name, value] of Object.entries(defaults.headers as Record<string, string>)) {
      common[name.toLowerCase()] = headerValue(value);
    }
    return (input, options, raw) => {
      const { method = 'GET', json, signal } = options;
      if (
        raw ||
        options.body !== undefined ||
        (json !== undefined && /^(GET|HEAD)$/.test(method))
      ) {
        return viaKy(input, options);
      }
      const headers: Record<string, string | number> = { ...common };
      for (const [name, value] of Object.entries(
        (options.headers ?? {}) as Record<string, string>,
      )) {
        headers[name.toLowerCase()] = headerValue(value);
      }
      // As ky: JSON is stringified before anything is sent, so an error here throws at the call.
      const text = json === undefined ? undefined : JSON.stringify(json);
      if (json !== undefined) headers['content-type'] ??= 'application/json';
      if (text !== undefined) headers['content-length'] = Buffer.byteLength(text);
      const timeout = options.timeout ?? (defaults.timeout as number | false);
      let url = input instanceof URL ? input : new URL(prefix + input);
      return (async () => {
        signal?.throwIfAborted();
        let verb = method;
        let body = text;
        for (let redirects = 0; ; redirects++) {
          const protocol = url.protocol === 'https:' ? await secureProtocol() : plain;
          const response = await exchange(protocol, url, verb, headers, body, signal, timeout);
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (redirectStatuses.has(status) && location !== undefined) {
            response.resume();
            if (redirects >= maxRedirects)
              throw new FetchRejection(new Error('too many redirects'));
            const next = new URL(location, url);
            if (status === 303 ? verb !== 'HEAD' : verb === 'POST' && status < 307) {
              verb = verb === 'HEAD' ? 'HEAD' : 'GET';
              body = undefined;
              for (const name of Object.keys(headers)) {
                if (name.startsWith('content-')) delete headers[name];
              }
            }
            if (next.origin !== url.origin) {
              for (const name of crossOriginHeaders) delete headers[name];
            }
            url = next;
            continue;
          }
          const empty = status === 204 || status === 205 || status === 304 || verb === 'HEAD';
          if (empty) response.resume();
          return {
            ok: status >= 200 && status < 300,
            status,
            statusText: response.statusMessage ?? '',
            url: url.href,
            redirected: redirects > 0,
            headers: new ResponseHeaders(response.headers),
            body: empty ? null : bodyOf(response),
          } as unknown as Response;
        }
      })();
    };
  };
}
