import { CallbackError, type Logger } from '@bw/core';
import { type BasicCredentials, verifyBasicAuth } from './basic-auth';
import { headerOf, type NodeListener, nodeCallbackListener, requestFrom } from './node';
import { readCallbackPayload } from './payload';

/** A Fetch-API request handler, as Deno, Bun, Cloudflare Workers and Hono use. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * A Fetch handler — for `Bun.serve`, `Deno.serve`, Cloudflare Workers and Hono — that also has
 * `.node(req, res)` for the servers built on `node:http`.
 *
 * @example
 * ```ts
 * export default { fetch: handler }; // Bun, Deno (`deno serve`), Cloudflare Workers
 * app.post('/callbacks', (c) => handler(c.req.raw)); // Hono, on any runtime
 * ```
 */
export interface CallbackHandler extends FetchHandler {
  /**
   * The same handler as a `node:http` request listener. It fits wherever one is accepted, with
   * every `@types/node` from 20 on: `http.createServer` (and `https`), an Express 4 or 5 route
   * (with or without `express.json()` in front), and Fastify 5 through the raw request and reply,
   * passing on the body Fastify has already parsed.
   *
   * @example
   * ```ts
   * http.createServer(handler.node).listen(3000); // node:http
   * app.post('/callbacks', handler.node); // Express 4 and 5; app.get for GET callbacks
   * fastify.post('/callbacks', (request, reply) =>
   *   handler.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
   * ); // Fastify 5
   * ```
   */
  node: NodeListener;
}

/** What a callback handler does with each request. */
export interface CallbackHandlerOptions<E> {
  /** Turns the payload into an event; throws `CallbackError` on a bad shape. */
  parse: (payload: Record<string, unknown>) => E;
  /** Handles the event; the answer is sent once it resolves. */
  onEvent: (event: E, request: Request) => unknown | Promise<unknown>;
  /** When set, requests must carry these Basic credentials (else 401). */
  credentials?: BasicCredentials;
  /** Largest body accepted, in bytes (else 413). Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Builds the answer from `onEvent`'s result (e.g. BXML) and the request's method; `undefined`
   * gives an empty 200. A {@link CallbackAnswer} is written as it is: `.node` builds no
   * `Response` for it.
   */
  respond?: (result: unknown, event: E, method: string) => Response | CallbackAnswer | undefined;
  /** Receives a line for every rejected request and every failure. */
  logger?: Logger;
}

function describe(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { value: String(error) };
}

// What `new Response(text)` sets by itself.
const plainText = { 'content-type': 'text/plain;charset=UTF-8' };

/** An answer before it is a `Response`: what the node listener writes without building one. */
export interface CallbackAnswer {
  status: number;
  text?: string;
  headers?: Record<string, string>;
}

/**
 * One callback, however it arrived: credentials, payload, event, `onEvent`. The answer is what
 * `respond` built, or a plain status (with text and headers for a refusal). Never throws.
 */
async function answer<E>(
  options: CallbackHandlerOptions<E>,
  method: string,
  authorization: string | null | undefined,
  payload: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  request: Request | (() => Request),
): Promise<Response | CallbackAnswer> {
  try {
    if (options.credentials && !verifyBasicAuth(authorization ?? null, options.credentials)) {
      throw new CallbackError('Callback credentials are missing or wrong', 401);
    }
    const event = options.parse(await payload());
    // From `node:http`, the `Request` is not built for an `onEvent` declared with the event alone
    // (`(event) => …`); one with rest parameters (`length` 0) or two gets it.
    const result = await options.onEvent(
      event,
      typeof request !== 'function'
        ? request
        : options.onEvent.length !== 1
          ? request()
          : (undefined as unknown as Request),
    );
    return options.respond?.(result, event, method) ?? { status: 200 };
  } catch (error) {
    if (error instanceof CallbackError) {
      options.logger?.warn(`callback rejected with ${error.status}: ${error.message}`, {
        status: error.status,
      });
      return {
        status: error.status,
        text: error.message,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          ...(error.status === 401 ? { 'www-authenticate': 'Basic realm="callbacks"' } : {}),
        },
      };
    }
    options.logger?.error('callback handler failed', { error: describe(error) });
    return { status: 500, text: 'Internal Server Error', headers: plainText };
  }
}

function toResponse(reply: Response | CallbackAnswer): Response {
  return reply instanceof Response
    ? reply
    : new Response(reply.text ?? null, { status: reply.status, headers: reply.headers });
}

/**
 * A handler for Bandwidth callbacks: checks Basic credentials (401), reads the payload (400 when
 * malformed, 413 when too large), parses it, awaits `onEvent` and answers 200 (or what `respond`
 * builds). When `onEvent` throws the answer is 500 and the error is logged; nothing is rethrown.
 * `onEvent` receives the `Request` as its second argument; `.node` builds it (without the body,
 * already read) unless `onEvent` is declared with the event alone (`(event) => …`).
 */
export function createCallbackHandler<E>(options: CallbackHandlerOptions<E>): CallbackHandler {
  const limits = { maxBodyBytes: options.maxBodyBytes };
  const handler = async (request: Request): Promise<Response> =>
    toResponse(
      await answer(
        options,
        request.method,
        request.headers.get('authorization'),
        () => readCallbackPayload(request, limits),
        request,
      ),
    );
  return Object.assign(handler, {
    node: nodeCallbackListener(
      handler,
      (request, method, payload) =>
        answer(options, method, headerOf(request, 'authorization'), payload, () =>
          requestFrom(request),
        ),
      options.maxBodyBytes,
    ),
  });
}
