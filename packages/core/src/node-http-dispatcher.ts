import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { buffer } from 'node:stream/consumers';
import type { Dispatcher } from 'undici';
import { connectionLimit, type RequestDispatcher } from './undici-fetch';

// The answer's body as `createUndiciFetch` reads it: `resume`, async iteration and `bytes`.
function bodyOf(incoming: IncomingMessage) {
  return Object.assign(incoming, {
    bytes: async () => new Uint8Array(await buffer(incoming)),
  });
}

/**
 * `dispatcher.request` over `node:http` and `node:https`, with keep-alive agents: what the `node`
 * build's fetch sends through while undici loads. `node:http` is part of Node.js itself, so the
 * first request pays neither loading a client nor compiling one (Node's global `fetch` compiles
 * its HTTP parser to WebAssembly on first use). Sends the headers it is given, with `Host`,
 * `Connection` and the body's framing, as undici does (`Content-Length: 0` for a `POST`, `PUT` or
 * `PATCH` without a body). At most `connections` connections to an origin (default 64), as the
 * undici `Agent` that takes over.
 */
export function nodeHttpDispatcher(options: { connections?: number } = {}): RequestDispatcher {
  const maxSockets = connectionLimit(options.connections);
  const plain = { agent: new HttpAgent({ keepAlive: true, maxSockets }), request: httpRequest };
  // TLS is loaded when an `https:` origin first needs it: the API's, not the loopback's of tests.
  let https: Promise<typeof plain> | undefined;
  const tls = () => {
    https ??= import('node:https').then((module) => ({
      agent: new module.Agent({ keepAlive: true, maxSockets }),
      request: module.request,
    }));
    return https;
  };
  const request = async (options: Dispatcher.RequestOptions) => {
    const origin = new URL(String(options.origin));
    const client = origin.protocol === 'https:' ? await tls() : plain;
    return new Promise((resolve, reject) => {
      const body = options.body as Uint8Array | AsyncIterable<Uint8Array> | undefined;
      const outgoing = client.request({
        protocol: origin.protocol,
        hostname: origin.hostname.replace(/^\[|\]$/g, ''),
        port: origin.port,
        path: options.path,
        method: options.method,
        headers: options.headers as Record<string, string>,
        agent: client.agent,
        signal: options.signal as AbortSignal | undefined,
      });
      outgoing.on('error', reject);
      outgoing.on('response', (incoming) =>
        resolve({
          statusCode: incoming.statusCode,
          headers: incoming.headers,
          body: bodyOf(incoming),
        }),
      );
      if (body === undefined || body instanceof Uint8Array) {
        outgoing.end(body);
        return;
      }
      (async () => {
        for await (const chunk of body) {
          if (!outgoing.write(chunk)) await new Promise((next) => outgoing.once('drain', next));
        }
        outgoing.end();
      })().catch((error: Error) => outgoing.destroy(error));
    });
  };
  return { request } as unknown as RequestDispatcher;
}
