import { DEFAULT_MAX_BODY_BYTES } from './payload';

/** The parts of a `node:http` `IncomingMessage` (or Express request) the adapter uses. */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by Express body parsers; used when the stream was already consumed. */
  body?: unknown;
  /** Whether the body stream has been read to its end. */
  readableEnded?: boolean;
  /** Subscribes to `data`, `end`, `error` and `close`. */
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** The parts of a `node:http` `ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  headersSent: boolean;
  /** Sets one response header. */
  setHeader(name: string, value: string): unknown;
  /** Sends the body (if any) and finishes the response. */
  end(chunk?: Uint8Array): unknown;
  /** Drops the connection. */
  destroy(): unknown;
}

/** A `node:http` request listener, also usable as Express middleware. */
export type NodeListener = (request: NodeRequestLike, response: NodeResponseLike) => void;

/** Options of `toNodeListener`. */
export interface NodeListenerOptions {
  /** Largest body read from the connection, in bytes (else 413). Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

// The whole body, or `undefined` once it passes `limit` (the rest is left unread).
function readBody(request: NodeRequestLike, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    request.on('data', (chunk: Uint8Array) => {
      size += chunk.byteLength;
      if (size > limit) resolve(undefined);
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    });
    request.on('error', reject);
    // After `end` this changes nothing; before it, the client went away.
    request.on('close', () => reject(new Error('request closed before its body ended')));
  });
}

/**
 * Adapts a Fetch handler to `node:http` / Express: `http.createServer(toNodeListener(handler))` or
 * `app.post('/callbacks', toNodeListener(handler))`. Uses `req.body` when an Express body parser
 * already read it; otherwise reads at most `maxBodyBytes` (413 beyond, connection closed). Never
 * throws; a request that cannot be answered has its connection closed.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  { maxBodyBytes = DEFAULT_MAX_BODY_BYTES }: NodeListenerOptions = {},
): NodeListener {
  return (request, response) => {
    const answer = async (): Promise<Response> => {
      const method = (request.method ?? 'GET').toUpperCase();
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (name.startsWith(':') || value === undefined) continue;
        for (const item of [value].flat()) headers.append(name, item);
      }
      const url = new URL(request.url ?? '/', 'http://localhost');
      url.host = headers.get('host') ?? url.host;
      if (method === 'GET' || method === 'HEAD')
        return handler(new Request(url, { method, headers }));
      const parsed = request.body;
      let body: string | Uint8Array | undefined;
      if (parsed !== undefined && request.readableEnded) {
        body =
          typeof parsed === 'string' || parsed instanceof Uint8Array
            ? parsed
            : JSON.stringify(parsed);
        if (typeof body === 'string' && typeof parsed !== 'string') {
          headers.set('content-type', 'application/json');
        }
      } else {
        body =
          Number(headers.get('content-length')) > maxBodyBytes
            ? undefined
            : await readBody(request, maxBodyBytes);
        if (!body) return new Response('Payload Too Large', { status: 413 });
      }
      headers.delete('content-length');
      return handler(new Request(url, { method, headers, body }));
    };
    answer()
      .catch(() => new Response('Bad Request', { status: 400 }))
      .then(async (reply) => {
        const body = reply.body ? new Uint8Array(await reply.arrayBuffer()) : undefined;
        response.statusCode = reply.status;
        reply.headers.forEach((value, name) => {
          response.setHeader(name, value);
        });
        // A request whose body was not read to its end: do not read the rest for keep-alive.
        if (!request.readableEnded) response.setHeader('connection', 'close');
        response.end(body);
      })
      .catch(() => {
        if (response.headersSent) response.destroy();
        else {
          response.statusCode = 500;
          response.end();
        }
      });
  };
}
