// The `node:http` sender the node build uses until undici has loaded. The transport's suites run
// over it too (`fetchImplementations` in ./server.ts); these are what only it has to get right.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { nodeHttpDispatcher } from '../src/node-http-dispatcher';
import { createUndiciFetch } from '../src/undici-fetch';

const overNodeHttp = createUndiciFetch({ dispatcher: nodeHttpDispatcher() });

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function listen(host = '127.0.0.1'): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', headers: request.headers, body });
      response.end(`${request.method} ${body.length}`);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, seen };
}

describe('the undici fetch over node:http', () => {
  test('POST, PUT and PATCH without a body declare an empty one, as undici does; GET does not', async () => {
    const { url, seen } = await listen();
    for (const method of ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']) {
      const response = await overNodeHttp(`${url}/x`, { method });
      expect(await response.text()).toBe(`${method} 0`);
    }
    expect(seen.map((request) => request.headers['content-length'])).toEqual([
      '0',
      '0',
      '0',
      undefined,
      undefined,
    ]);
    expect(seen.every((request) => request.headers['transfer-encoding'] === undefined)).toBe(true);
  });

  test('a body in one piece goes with its length; a streamed one chunked, whole', async () => {
    const { url, seen } = await listen();
    await overNodeHttp(`${url}/x`, { method: 'POST', body: 'hello' });
    const chunk = new Uint8Array(64 * 1024).fill(97);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 32) controller.close();
        else {
          sent++;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await overNodeHttp(`${url}/x`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await response.text()).toBe(`POST ${32 * 64 * 1024}`);
    expect(seen[0]?.headers['content-length']).toBe('5');
    expect(seen[1]?.headers['transfer-encoding']).toBe('chunked');
    expect(seen[1]?.body).toBe('a'.repeat(32 * 64 * 1024));
  });

  test('an IPv6 literal origin is reached', async () => {
    const { url } = await listen('::1');
    expect(await (await overNodeHttp(`${url}/x`)).text()).toBe('GET 0');
  });

  test('an https origin is spoken to over TLS', async () => {
    const first = new Promise<number>((resolve) => {
      const tcp = createTcpServer((socket) => {
        socket.once('data', (data: Buffer) => {
          resolve(data[0] ?? -1);
          socket.destroy();
          tcp.close();
        });
      });
      tcp.listen(0, '127.0.0.1', () => {
        const { port } = tcp.address() as AddressInfo;
        overNodeHttp(`https://127.0.0.1:${port}/x`).catch(() => undefined);
      });
    });
    // 22: a TLS handshake record, the ClientHello.
    expect(await first).toBe(22);
  });

  test('an abort while the body arrives ends the read with the reason', async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('part;');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const controller = new AbortController();
    const response = await overNodeHttp(`http://127.0.0.1:${port}/x`, {
      signal: controller.signal,
    });
    const reading = response.text();
    controller.abort(new Error('stop reading'));
    await expect(reading).rejects.toThrow();
  });
});
