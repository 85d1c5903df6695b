import { CallbackError } from '@bw/core';
import type { CallbackAnswer } from './handler';
import { DEFAULT_MAX_BODY_BYTES, payloadFromBody } from './payload';

/**
 * The parts of a `node:http` `IncomingMessage` the adapter uses, which an Express request and a
 * Fastify `request.raw` also have. Each member is typed so that the request of every
 * `@types/node` from 20 on is assignable to it.
 */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by body parsers (Express); used when the stream was already read to its end. */
  body?: unknown;
  /** Whether the body stream has been read to its end. */
  readableEnded?: boolean;
  /** Whether the whole request (its body too) has arrived, read or not. */
  complete?: boolean;
  /** Receives a chunk of the body. */
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  /** Learns that the body ended, or that the request was closed before it did. */
  on(event: 'end' | 'close', listener: () => void): unknown;
  /** Learns that reading the body failed. */
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The parts of a `node:http` `ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  headersSent: boolean;
  /** Sets one response header. */
  setHeader(name: string, value: string): unknown;
  /** Sends the body (if any; text is sent as UTF-8) and finishes the response. */
  end(chunk?: string | Uint8Array): unknown;
  /** Drops the connection. */
  destroy(): unknown;
}

/**
 * A `node:http` request listener: `http.createServer(listener)`, an Express 4/5 route
 * (`app.post('/callbacks', listener)`), or Fastify through its raw request and reply.
 */
export type NodeListener = (request: NodeRequestLike, response: NodeResponseLike) => void;

/** Options of `toNodeListener`. */
export interface NodeListenerOptions {
  /** Largest body read from the connection, in bytes (else 413). Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

// The body, or its first `limit + 1` bytes once it is longer (the rest is left unread).
function readBody(request: NodeRequestLike, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let ended = false;
    const done = () => {
      ended = true;
      // One chunk, the usual callback, is the body as it is.
      if (chunks.length === 1 && size <= limit) return resolve(chunks[0] as Uint8Array);
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes.subarray(0, limit + 1));
    };
    request.on('data', (chunk: Uint8Array) => {
      if (size > limit) return;
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size > limit) done();
    });
    request.on('end', done);
    request.on('error', reject);
    // Before `end`, the client went away (after it, `close` always comes and changes nothing).
    request.on('close', () => {
      if (!ended) reject(new Error('request closed before its body ended'));
    });
  });
}

/** A request header as `Headers.get` gives it: repeated values joined with `, `. */
export function headerOf(request: NodeRequestLike, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : value === undefined ? null : value.join(', ');
}

function partsOf(request: NodeRequestLike) {
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const item of [value].flat()) headers.append(name, item);
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  url.host = headers.get('host') ?? url.host;
  return { method, headers, url };
}

/** The `Request` the Fetch handler would see, without its body (already read). */
export function requestFrom(request: NodeRequestLike): Request {
  const { method, headers, url } = partsOf(request);
  return new Request(url, { method, headers });
}

// A body cut at the limit: its bytes, then an error, so no reader mistakes it for the whole body.
function cutBody(bytes: Uint8Array, limit: number): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) controller.error(new Error(`body exceeds ${limit} bytes`));
      else controller.enqueue(bytes);
      sent = true;
    },
  });
}

/**
 * Adapts a Fetch handler to `node:http` / Express: `http.createServer(toNodeListener(handler))` or
 * `app.post('/callbacks', toNodeListener(handler))`. Uses `req.body` when a body parser already
 * read the stream; otherwise reads at most `maxBodyBytes + 1` bytes and hands a longer body over
 * cut, ending in an error (a declared `Content-Length` over the limit: unread), for the handler
 * to refuse; the connection is then closed. A GET or HEAD that declares a body is read to its end
 * too, and one without is not waited on: either way the connection stays open for the next
 * callback. Never throws.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  { maxBodyBytes = DEFAULT_MAX_BODY_BYTES }: NodeListenerOptions = {},
): NodeListener {
  return (request, response) => {
    const answer = async (): Promise<Response> => {
      const { method, headers, url } = partsOf(request);
      // Read already (by a body parser): nothing is left on the connection to wait for.
      const consumed = request.readableEnded === true;
      if (method === 'GET' || method === 'HEAD') {
        // A declared body is read to its end, so that the connection can stay open.
        if (!consumed && !declaresNoBody(request)) await readBody(request, maxBodyBytes);
        return handler(new Request(url, { method, headers }));
      }
      const parsed = request.body;
      let body: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
      if (consumed) {
        // A parser that read the stream without leaving `req.body` leaves the handler no body.
        if (parsed === undefined) return handler(new Request(url, { method, headers }));
        body =
          typeof parsed === 'string' || parsed instanceof Uint8Array
            ? parsed
            : JSON.stringify(parsed);
        if (typeof body === 'string' && typeof parsed !== 'string') {
          headers.set('content-type', 'application/json');
        }
      } else if (Number(headers.get('content-length')) <= maxBodyBytes) {
        const bytes = await readBody(request, maxBodyBytes);
        body = bytes.byteLength > maxBodyBytes ? cutBody(bytes, maxBodyBytes) : bytes;
      }
      // A declared length over the limit is left for the handler to refuse, unread.
      if (body === undefined) return handler(new Request(url, { method, headers }));
      headers.delete('content-length');
      return handler(new Request(url, { method, headers, body, duplex: 'half' } as RequestInit));
    };
    respond(
      request,
      response,
      answer().catch(() => new Response('Bad Request', { status: 400 })),
    );
  };
}

/**
 * A request with neither a length nor a chunked body: nothing to wait for. node:http drains it
 * when the answer is sent, and `respond` keeps the connection open once it has fully arrived.
 */
function declaresNoBody(request: NodeRequestLike): boolean {
  return (
    request.headers['content-length'] === undefined &&
    request.headers['transfer-encoding'] === undefined
  );
}

// Writes the answer; a request that has not fully arrived and was not read to its end gets
// `Connection: close`, as the rest is not read for keep-alive. Never throws.
function respond(
  request: NodeRequestLike,
  response: NodeResponseLike,
  answer: Promise<Response | CallbackAnswer>,
): void {
  answer
    .then(async (reply) => {
      // Text goes out as it is: node:http then sends the head and the body in one write, where
      // bytes take a second buffer (and encoding them a copy).
      let body: string | Uint8Array | undefined;
      if (reply instanceof Response) {
        body = reply.body ? new Uint8Array(await reply.arrayBuffer()) : undefined;
        response.statusCode = reply.status;
        reply.headers.forEach((value, name) => {
          response.setHeader(name, value);
        });
      } else {
        body = reply.text;
        response.statusCode = reply.status;
        for (const [name, value] of Object.entries(reply.headers ?? {})) {
          response.setHeader(name, value);
        }
      }
      if (!request.readableEnded && request.complete !== true) {
        response.setHeader('connection', 'close');
      }
      response.end(body);
    })
    .catch(() => {
      if (response.headersSent) response.destroy();
      else {
        response.statusCode = 500;
        response.end();
      }
    });
}

/**
 * `createCallbackHandler`'s `node:http` listener: the same answers as `toNodeListener(handler)`
 * (whose path a body already read by a framework still takes), without building a `Request`, a
 * body stream or a `Response` per callback: the body is read from the connection into bytes and
 * parsed from there.
 */
export function nodeCallbackListener(
  handler: (request: Request) => Promise<Response>,
  answer: (
    request: NodeRequestLike,
    method: string,
    payload: () => Record<string, unknown>,
  ) => Promise<Response | CallbackAnswer>,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): NodeListener {
  const parsedElsewhere = toNodeListener(handler, { maxBodyBytes });
  return (request, response) => {
    if (request.readableEnded === true) return parsedElsewhere(request, response);
    const method = (request.method ?? 'GET').toUpperCase();
    const query = () => searchOf(request.url ?? '/');
    const bodyless = method === 'GET' || method === 'HEAD';
    // A declared length over the limit is refused unread; a GET or HEAD with a body is read to its
    // end, one without waits for nothing.
    const wanted = bodyless
      ? !declaresNoBody(request)
      : Number(headerOf(request, 'content-length')) <= maxBodyBytes;
    const read = wanted ? readBody(request, maxBodyBytes) : Promise.resolve(undefined);
    respond(
      request,
      response,
      read.then(
        (bytes) =>
          answer(request, method, () => {
            if (bodyless) return payloadFromBody('', null, query());
            if (bytes === undefined || bytes.byteLength > maxBodyBytes) {
              throw new CallbackError(`Callback body exceeds ${maxBodyBytes} bytes`, 413);
            }
            const text = new TextDecoder().decode(bytes);
            // The query is read only for an empty body (`\S` and `trim` agree on whitespace).
            const type = headerOf(request, 'content-type');
            return payloadFromBody(text, type, /\S/.test(text) ? '' : query());
          }),
        () => ({ status: 400, text: 'Bad Request', headers: plainText }),
      ),
    );
  };
}

/**
 * The query of a request target (`?` included; '' without one), as `new URL(target, base).search`
 * would give it to `URLSearchParams`, without parsing the whole URL: a fragment is cut off and
 * what the URL parser would percent-encode decodes to the same characters.
 */
export function searchOf(target: string): string {
  const hash = target.indexOf('#');
  const end = hash === -1 ? target.length : hash;
  const start = target.indexOf('?');
  // No query, or a `?` that is part of the fragment.
  if (start === -1 || start >= end - 1) return '';
  return target.slice(start, end);
}

// What `new Response(text)` sets by itself.
const plainText = { 'content-type': 'text/plain;charset=UTF-8' };
