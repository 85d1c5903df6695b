import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createUndiciFetch } from '../src/index.node';
import { Transport } from '../src/internal';
import { closedPort, send, startServer, type TestServer } from './server';

let server: TestServer;
let other: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
  other = await startServer((_seen, res) => send(res, 200, { other: true }));
});
afterAll(async () => {
  await server.close();
  await other.close();
});
beforeEach(() => {
  server.requests.length = 0;
  other.requests.length = 0;
});

const undiciFetch = createUndiciFetch();
const encode = (text: string) => new TextEncoder().encode(text);

describe('createUndiciFetch', () => {
  test('sends method, headers and body, and answers status, headers and JSON', async () => {
    reply = (seen, res) =>
      send(res, 201, { echo: JSON.parse(seen.body) }, { location: '/x/1', 'x-multi': 'a' });
    const response = await undiciFetch(`${server.url}/path?q=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${server.url}/path?q=1`);
    expect(response.headers.get('location')).toBe('/x/1');
    expect(await response.json()).toEqual({ echo: { a: 1 } });
    const seen = server.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/path?q=1');
    expect(seen?.headers['x-custom']).toBe('yes');
    expect(seen?.headers['content-length']).toBe('7');
  });

  test('accepts a Request as input', async () => {
    reply = (seen, res) => send(res, 200, { method: seen.method, body: seen.body });
    const response = await undiciFetch(
      new Request(`${server.url}/r`, { method: 'PUT', body: 'raw' }),
    );
    expect(await response.json()).toEqual({ method: 'PUT', body: 'raw' });
  });

  test('streams a request body chunk by chunk', async () => {
    let firstChunkSeen: () => void = () => undefined;
    const firstChunkArrived = new Promise<void>((resolve) => {
      firstChunkSeen = resolve;
    });
    reply = (seen, res) =>
      send(res, 200, { body: seen.body, chunked: seen.headers['transfer-encoding'] });
    // The server must see the first chunk before the stream produces the last one.
    const onFirstData = (req: IncomingMessage) => req.once('data', () => firstChunkSeen());
    server.server.once('request', onFirstData);
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        step++;
        if (step === 1) controller.enqueue(encode('one,'));
        else if (step === 2) controller.enqueue(encode('two,'));
        else if (step === 3) {
          await firstChunkArrived;
          controller.enqueue(encode('three'));
        } else controller.close();
      },
    });
    const response = await undiciFetch(`${server.url}/upload`, {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(await response.json()).toEqual({ body: 'one,two,three', chunked: 'chunked' });
  });

  test('streams a response body as it arrives', async () => {
    let finish: () => void = () => undefined;
    reply = (_seen, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      finish = () => res.end('last');
    };
    const response = await undiciFetch(`${server.url}/download`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first;');
    finish();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe('last');
  });

  test('204 and HEAD answers have a null body', async () => {
    reply = (seen, res) =>
      seen.method === 'HEAD' ? send(res, 200, undefined, { 'x-size': '3' }) : send(res, 204);
    const noContent = await undiciFetch(`${server.url}/a`, { method: 'DELETE' });
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBeNull();
    const head = await undiciFetch(`${server.url}/a`, { method: 'HEAD' });
    expect(head.body).toBeNull();
    expect(head.headers.get('x-size')).toBe('3');
  });

  test('an aborted signal rejects before sending, with its reason', async () => {
    reply = (_seen, res) => send(res, 200);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(undiciFetch(`${server.url}/a`, { signal: controller.signal })).rejects.toThrow(
      'stop now',
    );
    expect(server.requests).toHaveLength(0);
  });

  test('aborting while waiting for headers rejects with an AbortError', async () => {
    reply = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await undiciFetch(`${server.url}/a`, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
  });

  test('aborting while the response body streams errors the body', async () => {
    reply = (_seen, res) => {
      res.writeHead(200);
      res.write('partial');
    };
    const controller = new AbortController();
    const response = await undiciFetch(`${server.url}/a`, { signal: controller.signal });
    const text = response.text();
    controller.abort();
    await expect(text).rejects.toThrow();
  });

  test('a refused connection is a TypeError with ECONNREFUSED in its cause', async () => {
    const port = await closedPort();
    const error = await undiciFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  test('redirects: followed by default, dropping credentials across origins', async () => {
    reply = (seen, res) =>
      seen.url === '/start'
        ? send(res, 302, undefined, { location: `${other.url}/landing` })
        : send(res, 200, {});
    const response = await undiciFetch(`${server.url}/start`, {
      method: 'POST',
      headers: { authorization: 'Basic c2VjcmV0', 'content-type': 'text/plain' },
      body: 'payload',
    });
    expect(await response.json()).toEqual({ other: true });
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${other.url}/landing`);
    expect(other.requests[0]?.method).toBe('GET');
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.body).toBe('');
  });

  test('redirects: 307 keeps method and body; same origin keeps credentials', async () => {
    reply = (seen, res) =>
      seen.url === '/start'
        ? send(res, 307, undefined, { location: '/next' })
        : send(res, 200, {
            method: seen.method,
            body: seen.body,
            auth: seen.headers.authorization,
          });
    const response = await undiciFetch(`${server.url}/start`, {
      method: 'POST',
      headers: { authorization: 'Basic c2VjcmV0' },
      body: 'payload',
    });
    expect(await response.json()).toEqual({
      method: 'POST',
      body: 'payload',
      auth: 'Basic c2VjcmV0',
    });
  });

  test('redirects: manual gives the 3xx; error rejects', async () => {
    reply = (_seen, res) => send(res, 301, undefined, { location: '/elsewhere' });
    const manual = await undiciFetch(`${server.url}/a`, { redirect: 'manual' });
    expect(manual.status).toBe(301);
    await expect(undiciFetch(`${server.url}/a`, { redirect: 'error' })).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});

describe('the node entry', () => {
  test('clients send through the undici fetch by default, once undici has loaded', async () => {
    reply = (_seen, res) => send(res, 200, []);
    const t = new Transport({
      userId: 'u',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
    });
    await t.noContent({ method: 'GET', path: '/x' });
    // Node's global fetch adds these headers; the dispatcher-based fetch sends only what it is
    // given. The global fetch serves until undici has loaded, after the first answer.
    await vi.waitFor(
      async () => {
        server.requests.length = 0;
        await t.noContent({ method: 'GET', path: '/x' });
        expect(server.requests[0]?.headers['sec-fetch-mode']).toBeUndefined();
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(server.requests[0]?.headers['accept-language']).toBeUndefined();
  });

  test('a fetch option still wins', async () => {
    reply = (_seen, res) => send(res, 200, []);
    const t = new Transport({
      userId: 'u',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
      fetch: globalThis.fetch,
    });
    await t.noContent({ method: 'GET', path: '/x' });
    expect(server.requests[0]?.headers['sec-fetch-mode']).toBe('cors');
  });
});
