import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpDispatcher } from '../src/node-http-dispatcher';
import { nodePlatformFetch } from '../src/platform-fetch';
import { setPlatformFetch } from '../src/transport';
import { createUndiciFetch } from '../src/undici-fetch';

// As the `node` entry does: a client without a `fetch` option sends over `node:http` until undici
// has loaded, then through the undici fetch.
setPlatformFetch(nodePlatformFetch());

/** A request the test server saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply = (request: SeenRequest, res: ServerResponse, req: IncomingMessage) => void;

export interface TestServer {
  url: string;
  origin: string;
  port: number;
  requests: SeenRequest[];
  server: Server;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 with a free port; `reply` answers each fully read request. */
export async function startServer(reply: Reply): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      reply(seen, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    port,
    requests,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a status, headers and an optional JSON (object) or text body. */
export function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const type =
    body === undefined
      ? {}
      : { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' };
  res.writeHead(status, { ...type, ...headers });
  res.end(text);
}

export { refusedPort } from '../../../test-support/ports.mjs';

/**
 * What the transport sends with, always through ky: the global `fetch` and the node entry's undici
 * `fetch` as a client's `fetch` option, and no `fetch` option (the platform's, as the node entry
 * installs it).
 */
export const fetchImplementations = [
  ['global fetch', globalThis.fetch],
  ['undici fetch', createUndiciFetch()],
  ['the undici fetch over node:http', createUndiciFetch({ dispatcher: nodeHttpDispatcher() })],
  ['platform fetch', undefined],
] as const;
