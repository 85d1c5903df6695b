import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import { apiError, categoryForStatus } from './errors';
import type { UserState } from './state';

/**
 * The emulator's HTTP layer on `node:http`: routes with `:param` segments, requests and replies,
 * the hooks the server runs around every request, request bodies (JSON, or raw bytes where a
 * route asks for them). Only what the emulator needs: every request is served by one pass with
 * no promise on the common path.
 */

/** What a route declares about its types: its path parameters. */
export interface RouteTypes {
  Params?: object;
}

type ParamsOf<T extends RouteTypes> = T extends { Params: infer P } ? P : Record<string, string>;

/** The parsed query of a request: a key given more than once is an array. */
export type RequestQuery = Readonly<Record<string, string | string[] | undefined>>;

/** An API request as routes and hooks see it. */
export class HttpRequest<Params = unknown> {
  readonly raw: IncomingMessage;
  readonly #response: ServerResponse;
  readonly method: string;
  /** The path and query as sent. */
  readonly url: string;
  /** The path without the query. */
  readonly path: string;
  /** Decoded path parameters of the route that matched (empty when none did). */
  params: Params;
  /** The parsed body: JSON (`undefined` for none), or a `Buffer` on routes that read bytes. */
  body: unknown = undefined;
  /** The user authenticated by Basic auth (REST routes under `/v1` only). */
  emulatorUser: UserState | null = null;
  /** Set by a `drop-after` fault: the connection is destroyed instead of answered. */
  emulatorDropAfter = false;
  /** The call or message a create request made (set by its route), for the console. */
  emulatorCreated: { callId: string } | { messageId: string } | null = null;
  #query: RequestQuery | undefined;
  #signal: AbortSignal | undefined;

  constructor(raw: IncomingMessage, response: ServerResponse, path: string, params: Params) {
    this.raw = raw;
    this.#response = response;
    this.method = raw.method ?? 'GET';
    this.url = raw.url ?? '/';
    this.path = path;
    this.params = params;
  }

  get headers(): IncomingHttpHeaders {
    return this.raw.headers;
  }

  /** The query, parsed on first use. */
  get query(): RequestQuery {
    if (this.#query === undefined) {
      const start = this.url.indexOf('?');
      this.#query = start === -1 ? {} : parseQueryString(this.url.slice(start + 1));
    }
    return this.#query;
  }

  /** The client's address ('' once its connection is gone). */
  get ip(): string {
    return this.raw.socket.remoteAddress ?? '';
  }

  /** Aborted when the client goes away before its answer is written; made on first use. */
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const controller = new AbortController();
      this.#signal = controller.signal;
      const response = this.#response;
      // A response closes once written, or when its connection goes first.
      response.once('close', () => {
        if (!response.writableFinished) controller.abort();
      });
    }
    return this.#signal;
  }
}

/** The answer to a request being built: status, headers, then `send`. */
export class HttpReply {
  readonly raw: ServerResponse;
  statusCode = 200;
  /** True once the answer is sent, or taken over with {@link hijack}. */
  sent = false;
  readonly #request: HttpRequest;
  readonly #hooks: SendHooks;
  readonly #started: number;
  #headers: Record<string, string> = {};

  constructor(raw: ServerResponse, request: HttpRequest, hooks: SendHooks, started: number) {
    this.raw = raw;
    this.#request = request;
    this.#hooks = hooks;
    this.#started = started;
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  /** Sets a response header (names are case-insensitive; a later value replaces an earlier). */
  header(name: string, value: string): this {
    this.#headers[name.toLowerCase()] = value;
    return this;
  }

  /** Milliseconds since the request arrived. */
  get elapsedTime(): number {
    return performance.now() - this.#started;
  }

  /** The route writes the answer itself on {@link raw} (a stream). */
  hijack(): void {
    this.sent = true;
  }

  /**
   * Sends the answer: nothing, a string (`text/plain`), bytes (`application/octet-stream`) or a
   * value as JSON, unless a `Content-Type` was set. A second send is ignored.
   */
  send(payload?: unknown): this {
    if (this.sent) return this;
    this.sent = true;
    const headers = this.#headers;
    let body: string | Uint8Array | undefined;
    if (payload === undefined) {
      body = undefined;
    } else if (typeof payload === 'string') {
      body = payload;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (payload instanceof Uint8Array) {
      body = payload;
      headers['content-type'] ??= 'application/octet-stream';
    } else {
      body = JSON.stringify(payload);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    const response = this.raw;
    if (this.#hooks.beforeSend?.(this.#request, this)) {
      this.#hooks.onResponse?.(this.#request, this);
      return this;
    }
    if (this.statusCode === 204 || this.statusCode === 304) {
      body = undefined;
    } else {
      headers['content-length'] = String(
        body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length,
      );
    }
    response.writeHead(this.statusCode, headers);
    response.end(body);
    this.#hooks.onResponse?.(this.#request, this);
    return this;
  }
}

/** A hook run before the route: calls `done` (with an error to answer with it instead). */
export type RequestHook = (
  request: HttpRequest,
  reply: HttpReply,
  done: (error?: unknown) => void,
) => void;

/** A route's handler: returns the body to send (or a promise of it), or sends it on `reply`. */
export type Handler<T extends RouteTypes = RouteTypes> = (
  request: HttpRequest<ParamsOf<T>>,
  reply: HttpReply,
) => unknown;

/** What a route may declare beside its handler. */
export interface RouteOptions<T extends RouteTypes = RouteTypes> {
  /** Runs after the server's hooks and before the body is read; throws to refuse the request. */
  onRequest?: (request: HttpRequest<ParamsOf<T>>) => void | Promise<void>;
  /** Read the body as raw bytes (a `Buffer`) rather than as JSON. */
  rawBody?: boolean;
  /** Largest body the route reads, in bytes (the server's limit otherwise). */
  bodyLimit?: number;
}

/** Adds a route for one method: `(path, handler)` or `(path, options, handler)`. */
export interface AddRoute {
  <T extends RouteTypes = RouteTypes>(path: string, handler: Handler<T>): void;
  <T extends RouteTypes = RouteTypes>(
    path: string,
    options: RouteOptions<T>,
    handler: Handler<T>,
  ): void;
}

/** Where route plugins add their routes. */
export interface RouteScope {
  readonly get: AddRoute;
  readonly post: AddRoute;
  readonly put: AddRoute;
  readonly patch: AddRoute;
  readonly delete: AddRoute;
  /** Runs when the server closes, before its connections are. */
  onClose(hook: () => void | Promise<void>): void;
}

/** What runs around the writing of every answer. */
interface SendHooks {
  /** Before an answer is written: returns true when it must not be (the connection is gone). */
  beforeSend?(request: HttpRequest, reply: HttpReply): boolean;
  /** After an answer is written, or dropped by {@link beforeSend}. */
  onResponse?(request: HttpRequest, reply: HttpReply): void;
}

/** How the app is configured: its limits and what runs around every request. */
export interface HttpAppOptions extends SendHooks {
  /** Largest body read, in bytes, unless a route says otherwise. */
  bodyLimit: number;
  /** How long an idle keep-alive connection stays open, ms. */
  keepAliveTimeout: number;
  /** Run in order before every request's route (also when no route matches). */
  onRequest: RequestHook[];
  /** Answers a request no route takes. */
  notFound(request: HttpRequest, reply: HttpReply): void;
  /** Answers a request whose hook, body or handler failed (`reply` is not sent yet). */
  onError(error: unknown, request: HttpRequest, reply: HttpReply): void;
}

/** A route as stored: its handler and options take any request (the params are the route's). */
interface Route {
  readonly handler: (request: HttpRequest, reply: HttpReply) => unknown;
  readonly options: RouteOptions & { onRequest?: (request: HttpRequest) => void | Promise<void> };
}

/** A node of the route tree: one path segment. */
interface RouteNode {
  readonly fixed: Map<string, RouteNode>;
  param: { readonly name: string; readonly node: RouteNode } | undefined;
  readonly routes: Map<string, Route>;
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** Longest path parameter a route takes; a longer one matches no route. */
const MAX_PARAM_LENGTH = 500;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function newNode(): RouteNode {
  return { fixed: new Map(), param: undefined, routes: new Map() };
}

/** The routes, hooks and server of one emulator. */
export class HttpApp {
  readonly #options: HttpAppOptions;
  readonly #root = newNode();
  readonly #closeHooks: Array<() => void | Promise<void>> = [];
  readonly #server: Server;

  constructor(options: HttpAppOptions) {
    this.#options = options;
    this.#server = createServer({ keepAliveTimeout: options.keepAliveTimeout }, (raw, response) =>
      this.#handle(raw, response),
    );
    this.#server.on('clientError', answerUnreadable);
  }

  /** A scope for one plugin's routes. */
  scope(): RouteScope {
    const add =
      (method: string) =>
      (path: string, second: RouteOptions | Handler, third?: Handler): void => {
        const handler = (third ?? second) as Route['handler'];
        const options = (third ? second : {}) as Route['options'];
        this.#add(method, path, { handler, options });
      };
    return {
      get: add('GET'),
      post: add('POST'),
      put: add('PUT'),
      patch: add('PATCH'),
      delete: add('DELETE'),
      onClose: (hook) => {
        this.#closeHooks.push(hook);
      },
    };
  }

  /** Listens; resolves with the bound address. */
  listen(host: string, port: number, backlog: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const server = this.#server;
      const failed = (error: Error) => reject(error);
      server.once('error', failed);
      server.listen({ host, port, backlog }, () => {
        server.off('error', failed);
        resolve(server.address() as AddressInfo);
      });
    });
  }

  /** Runs the close hooks, then stops listening and closes every connection. */
  async close(): Promise<void> {
    for (const hook of this.#closeHooks) await hook();
    const server = this.#server;
    if (!server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  #add(method: string, path: string, route: Route): void {
    let node = this.#root;
    for (const segment of segmentsOf(path)) {
      if (segment.startsWith(':')) {
        const name = segment.slice(1);
        if (node.param && node.param.name !== name) {
          throw new Error(`Route ${path}: parameter :${name} clashes with :${node.param.name}`);
        }
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.fixed.get(segment);
        if (!next) {
          next = newNode();
          node.fixed.set(segment, next);
        }
        node = next;
      }
    }
    if (node.routes.has(method)) throw new Error(`Route ${method} ${path} is declared twice`);
    node.routes.set(method, route);
  }

  #handle(raw: IncomingMessage, response: ServerResponse): void {
    const started = performance.now();
    const url = raw.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const request: HttpRequest = new HttpRequest<unknown>(raw, response, path, NO_PARAMS);
    const reply = new HttpReply(response, request, this.#options, started);
    const fail = (error: unknown) => this.#fail(error, request, reply);
    const hooks = this.#options.onRequest;
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined) {
        fail(error);
        return;
      }
      if (reply.sent) return;
      if (index < hooks.length) {
        const hook = hooks[index++] as RequestHook;
        try {
          hook(request, reply, next);
        } catch (thrown) {
          fail(thrown);
        }
        return;
      }
      let route: Route | undefined;
      try {
        route = this.#route(request);
      } catch (thrown) {
        fail(thrown);
        return;
      }
      if (!route) {
        this.#options.notFound(request, reply);
        return;
      }
      this.#run(route, request, reply);
    };
    next();
  }

  /** The route of `request` (its params set), or undefined. */
  #route(request: HttpRequest): Route | undefined {
    let path = request.path;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const segments = segmentsOf(path);
    const params: Record<string, string> = {};
    const node = find(this.#root, segments, 0, params);
    if (!node) return undefined;
    const route =
      node.routes.get(request.method) ??
      (request.method === 'HEAD' ? node.routes.get('GET') : undefined);
    if (!route) return undefined;
    for (const name in params) params[name] = decodeParam(params[name] as string);
    request.params = params;
    return route;
  }

  #run(route: Route, request: HttpRequest, reply: HttpReply): void {
    const fail = (error: unknown) => this.#fail(error, request, reply);
    const readAndHandle = () => {
      if (!BODY_METHODS.has(request.method)) {
        this.#invoke(route, request, reply);
        return;
      }
      const limit = route.options.bodyLimit ?? this.#options.bodyLimit;
      readBody(request.raw, limit, route.options.rawBody === true, (error, body) => {
        if (error === OVER_LIMIT) {
          // The rest of a body refused for its size is not read: the connection closes.
          reply.header('connection', 'close');
          fail(tooLarge(limit));
        } else if (error !== undefined) {
          fail(error);
        } else {
          request.body = body;
          this.#invoke(route, request, reply);
        }
      });
    };
    const check = route.options.onRequest;
    if (!check) {
      readAndHandle();
      return;
    }
    let checked: void | Promise<void>;
    try {
      checked = check(request);
    } catch (error) {
      fail(error);
      return;
    }
    if (checked instanceof Promise) checked.then(readAndHandle, fail);
    else readAndHandle();
  }

  #invoke(route: Route, request: HttpRequest, reply: HttpReply): void {
    let result: unknown;
    try {
      result = route.handler(request, reply);
    } catch (error) {
      this.#fail(error, request, reply);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value: unknown) => answer(reply, value),
        (error: unknown) => this.#fail(error, request, reply),
      );
    } else {
      answer(reply, result);
    }
  }

  #fail(error: unknown, request: HttpRequest, reply: HttpReply): void {
    if (reply.sent) return;
    try {
      this.#options.onError(error, request, reply);
    } catch {
      if (!reply.sent) reply.status(500).send();
    }
  }
}

/** Sends what a handler returned, unless it sent an answer itself (or returned none). */
function answer(reply: HttpReply, value: unknown): void {
  if (value === undefined || value === reply) return;
  reply.send(value);
}

function segmentsOf(path: string): string[] {
  return path.split('/').slice(1);
}

/** The node `segments[from…]` leads to: a fixed segment before a parameter, backtracking. */
function find(
  node: RouteNode,
  segments: string[],
  from: number,
  params: Record<string, string>,
): RouteNode | undefined {
  if (from === segments.length) return node.routes.size > 0 ? node : undefined;
  const segment = segments[from] as string;
  const fixed = node.fixed.get(segment);
  if (fixed) {
    const found = find(fixed, segments, from + 1, params);
    if (found) return found;
  }
  const param = node.param;
  if (!param || segment === '' || segment.length > MAX_PARAM_LENGTH) return undefined;
  const found = find(param.node, segments, from + 1, params);
  if (found) params[param.name] = segment;
  return found;
}

function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw apiError(
      400,
      'bad-request',
      'validation-error',
      `Bad parameters: '${value}' is not a valid URL path segment`,
    );
  }
}

/** What {@link readBody} fails with for a body over its limit. */
const OVER_LIMIT = Symbol('over the body limit');

/**
 * Reads a request's body within `limit` bytes: JSON (`undefined` when empty or blank, 400 when
 * not JSON) or raw bytes. A body over the limit is refused ({@link OVER_LIMIT}) by its
 * `Content-Length` before it is read, or as soon as it grows past it.
 */
function readBody(
  raw: IncomingMessage,
  limit: number,
  bytes: boolean,
  done: (error: unknown, body?: unknown) => void,
): void {
  const declared = raw.headers['content-length'];
  if (declared === undefined && raw.headers['transfer-encoding'] === undefined) {
    done(undefined, bytes ? Buffer.alloc(0) : undefined);
    return;
  }
  if (declared !== undefined && Number(declared) > limit) {
    done(OVER_LIMIT);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  raw.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) {
      over = true;
      chunks.length = 0;
      done(OVER_LIMIT);
      return;
    }
    chunks.push(chunk);
  });
  raw.on('end', () => {
    if (over) return;
    const content = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    if (bytes) {
      done(undefined, content);
      return;
    }
    const text = content.toString('utf8');
    if (text.trim() === '') {
      done(undefined, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(
        apiError(
          400,
          'bad-request',
          'validation-error',
          'Bad parameters: the body is not valid JSON',
        ),
      );
      return;
    }
    done(undefined, parsed);
  });
}

function tooLarge(limit: number) {
  return apiError(
    400,
    'bad-request',
    'validation-error',
    `The request body is too large: it is over the ${limit}-byte limit`,
  );
}

/**
 * Answers a request Node's HTTP parser could not read (or that took too long to arrive) as the
 * API answers errors, a JSON body with `category`, `code` and `message`, and closes the
 * connection; a connection reset, or one whose answer has begun, is only closed.
 */
function answerUnreadable(error: Error & { code?: string }, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, message] = unreadable(error.code);
  const body = JSON.stringify(apiError(status, categoryForStatus(status), code, message).toBody());
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroySoon();
}

/** The status, code and message for why Node's parser gave up on a request. */
function unreadable(reason: string | undefined): [number, string, string] {
  switch (reason) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'header-too-large', 'The request headers are over the size limit'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [
        413,
        'chunk-extensions-too-large',
        'The request body has chunk extensions over the size limit',
      ];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request-timeout', 'The request did not arrive in time'];
    default:
      return [400, 'malformed-request', 'The request could not be read as HTTP/1.1'];
  }
}
