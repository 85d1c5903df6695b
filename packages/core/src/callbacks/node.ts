import type { FetchHandler } from './handler';

/** The parts of a `node:http` `IncomingMessage` (or Express request) the adapter uses. */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by Express body parsers; used when the stream was already consumed. */
  body?: unknown;
  readableEnded?: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** The parts of a `node:http` `ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(chunk?: Uint8Array): unknown;
  destroy(): unknown;
}

/** A `node:http` request listener, also usable as Express middleware. */
export type NodeListener = (request: NodeRequestLike, response: NodeResponseLike) => void;

const bodyless = new Set(['GET', 'HEAD']);

// A web stream over the node request that reads only as fast as the consumer does.
function streamOf(request: NodeRequestLike): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (reason: Error) => {
          if (finished) return;
          finished = true;
          controller.error(reason);
        };
        request.on('data', (chunk: Uint8Array | string) => {
          if (finished) return;
          controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        });
        request.on('end', () => {
          if (finished) return;
          finished = true;
          controller.close();
        });
        request.on('error', fail);
        request.on('close', () => fail(new Error('request closed before its body ended')));
        request.pause();
      },
      pull() {
        request.resume();
      },
      cancel() {
        finished = true;
      },
    },
    { highWaterMark: 1 },
  );
}

function parsedBody(request: NodeRequestLike): string | Uint8Array | undefined {
  const { body } = request;
  if (body === undefined || request.readableEnded !== true) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return JSON.stringify(body);
}

function toRequest(request: NodeRequestLike): Request {
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${headers.get('host') ?? 'localhost'}`);
  } catch {
    url = new URL(request.url ?? '/', 'http://localhost');
  }
  if (bodyless.has(method)) return new Request(url, { method, headers });
  const parsed = parsedBody(request);
  if (
    parsed !== undefined &&
    typeof request.body === 'object' &&
    !(request.body instanceof Uint8Array)
  ) {
    headers.set('content-type', 'application/json');
  }
  if (parsed !== undefined) headers.delete('content-length');
  return new Request(url, {
    method,
    headers,
    body: parsed ?? streamOf(request),
    duplex: 'half',
  } as RequestInit);
}

/**
 * Adapts a Fetch handler to `node:http` / Express: `http.createServer(toNodeListener(handler))`
 * or `app.post('/callbacks', toNodeListener(handler))`. Uses `req.body` when an Express body
 * parser already read it. Never throws; a response that cannot be written closes the connection.
 */
export function toNodeListener(handler: FetchHandler): NodeListener {
  return (request, response) => {
    const respond = async () => {
      let answer: Response;
      try {
        answer = await handler(toRequest(request));
      } catch {
        answer = new Response('Bad Request', { status: 400 });
      }
      const body = answer.body ? new Uint8Array(await answer.arrayBuffer()) : undefined;
      response.statusCode = answer.status;
      answer.headers.forEach((value, name) => {
        response.setHeader(name, value);
      });
      // A rejected request whose body was not read: do not keep reading it for keep-alive.
      if (answer.status >= 400 && request.readableEnded !== true) {
        response.setHeader('connection', 'close');
      }
      response.end(body);
    };
    respond().catch(() => {
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end();
      } else {
        response.destroy();
      }
    });
  };
}
